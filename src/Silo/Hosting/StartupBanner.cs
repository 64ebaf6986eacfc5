using Lapor.Hub.Storage;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>
/// Says, once the hub is up, where it listens, which storage it uses and where its data lives, and, on a fresh
/// installation, how to make the first console account.
/// </summary>
public sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, HubStorageOptions storage, OperatorKeyLocation operatorKey,
    IServiceScopeFactory scopes, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            logger.LogInformation("Lapor.Hub listening on {Addresses}; storage {Provider} at {DataLocation}",
                string.Join(", ", addresses), storage.Provider, storage.DescribeLocation());
            var home = addresses.FirstOrDefault()?.TrimEnd('/') ?? "";
            logger.LogInformation("Citizens: {Home}/ (report by web chat, track a report); staff console: {SignIn}", home, $"{home}/masuk");
            logger.LogInformation("Operator API key: {OperatorKeySource}", operatorKey.Description);
            _ = TellHowToMakeTheFirstAdminAsync(addresses.FirstOrDefault());
        });
        return Task.CompletedTask;
    }

    private async Task TellHowToMakeTheFirstAdminAsync(string? address)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            if ((await scope.ServiceProvider.GetRequiredService<HubUserStore>().ListAsync(lifetime.ApplicationStopping)).Count == 0)
            {
                logger.LogWarning(
                    "No console accounts yet. Create the first admin: dotnet run --project src/Silo -- accounts create --user NAME --role Admin " +
                    "(or: Lapor.Hub accounts create …), then sign in at {SignIn}", $"{address}/masuk");
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            logger.LogWarning(failure, "Could not count the console accounts");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record OperatorKeyLocation(string Description);
