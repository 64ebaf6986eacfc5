using System.Text.Json;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Citizens;

public static class OutboxChecks
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Waits until the outbox of <paramref name="address"/> has nothing left to send.</summary>
    public static async Task DrainedAsync(IServiceProvider services, ChannelAddress address)
    {
        var outbox = services.GetRequiredService<IGrainFactory>().GetOutbox(address);
        await UntilAsync(async () => await outbox.CountPending() == 0, $"the outbox of {address} to drain");
    }

    /// <summary>Waits until the API shows a delivery on the report's history entry of <paramref name="kind"/> that <paramref name="settled"/> accepts.</summary>
    public static async Task<JsonElement> DeliveryAsync(HttpClient operatorClient, string trackingId, string kind, Func<JsonElement, bool> settled)
    {
        JsonElement found = default;
        await UntilAsync(async () =>
        {
            var report = await (await operatorClient.GetAsync($"/api/reports/{trackingId}")).ReadJsonAsync();
            var entry = report.GetProperty("history").EnumerateArray().First(e => e.GetProperty("kind").GetString() == kind);
            found = entry.GetProperty("delivery");
            return found.ValueKind == JsonValueKind.Object && settled(found);
        }, $"a settled delivery of {kind} on {trackingId}");
        return found;
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting for {what}.");
            await Task.Delay(50);
        }
    }
}
