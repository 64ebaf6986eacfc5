using Lapor.Hub.Reports.ReadModel;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Storage.Reports;

public static class ReadModelServices
{
    /// <summary>The report query table on the hub database (requires <see cref="HubServiceCollectionExtensions.AddHubDatabase"/>).</summary>
    public static IServiceCollection AddHubReadModels(this IServiceCollection services)
    {
        services.AddSingleton<SqlReportReadModel>();
        services.AddSingleton<IReportReadModel>(sp => sp.GetRequiredService<SqlReportReadModel>());
        services.AddSingleton<IReportQueries>(sp => sp.GetRequiredService<SqlReportReadModel>());
        return services;
    }
}
