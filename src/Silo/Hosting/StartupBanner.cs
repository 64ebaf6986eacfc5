using Lapor.Hub.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>Says, once the hub is up, where it listens, which storage it uses and where its data lives.</summary>
public sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, HubStorageOptions storage, OperatorKeyLocation operatorKey, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            logger.LogInformation("Lapor.Hub listening on {Addresses}; storage {Provider} at {DataLocation}",
                string.Join(", ", addresses), storage.Provider, storage.DescribeLocation());
            logger.LogInformation("Operator API key: {OperatorKeySource}", operatorKey.Description);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record OperatorKeyLocation(string Description);
