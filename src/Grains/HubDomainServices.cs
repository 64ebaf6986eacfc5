using Lapor.Hub.Agencies;
using Lapor.Hub.Calendar;
using Lapor.Hub.Categories;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Telemetry;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub;

public static class HubDomainServices
{
    /// <summary>
    /// What the grains need besides storage: the working-day calendar, regions, agencies, deadline policy,
    /// the business clock and metrics. Data files default to the copies shipped beside the binaries.
    /// </summary>
    public static IServiceCollection AddHubDomain(
        this IServiceCollection services, string? holidaysPath = null, string? agenciesPath = null, HubClock? clock = null)
    {
        services.AddMetrics();
        services.TryAddSingleton(sp => WorkingDayCalendar.LoadDirectoryOrFile(
            holidaysPath ?? WorkingDayCalendar.DefaultDataPath, sp.GetRequiredService<ILogger<WorkingDayCalendar>>()));
        services.TryAddSingleton(_ => RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath));
        services.TryAddSingleton(_ => CategoryCatalog.LoadFile(CategoryCatalog.DefaultDataPath));
        services.TryAddSingleton(_ => new AgencyDirectory(AgencyCatalog.LoadFile(agenciesPath ?? AgencyCatalog.DefaultDataPath)));
        services.TryAddSingleton<ChannelCatalog>();
        services.TryAddSingleton<DeadlinePolicy>();
        services.TryAddSingleton(clock ?? HubClock.System);
        services.TryAddSingleton<HubMetrics>();
        return services;
    }
}
