using Lapor.Hub.Agencies;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>Creates or updates the agencies of the seed file once the silo runs. Idempotent: unchanged agencies are not rewritten.</summary>
public sealed class AgencySeeder(AgencyDirectory directory, IGrainFactory grains, ILogger<AgencySeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var agency in directory.Seed)
        {
            await grains.GetGrain<IAgencyGrain>(agency.Code).Configure(agency);
        }

        logger.LogInformation("Agency directory ready: {AgencyCount} agencies", directory.Seed.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
