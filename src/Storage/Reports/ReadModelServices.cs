using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Routing;
using Lapor.Hub.Storage.Polls;
using Lapor.Hub.Storage.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Storage.Reports;

public static class ReadModelServices
{
    /// <summary>The report and poll query tables and the routing feedback on the hub database (requires <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>).</summary>
    public static IServiceCollection AddHubReadModels(this IServiceCollection services)
    {
        services.AddSingleton<SqlReportReadModel>();
        services.AddSingleton<IReportReadModel>(sp => sp.GetRequiredService<SqlReportReadModel>());
        services.AddSingleton<IReportQueries>(sp => sp.GetRequiredService<SqlReportReadModel>());
        services.AddSingleton<IReportMediaOwners, SqlReportMediaOwners>();
        services.AddSingleton<IRoutingFeedbackStore, SqlRoutingFeedbackStore>();
        services.AddSingleton<IReportStatistics, SqlReportStatistics>();
        services.AddHubPollStorage();
        return services;
    }
}
