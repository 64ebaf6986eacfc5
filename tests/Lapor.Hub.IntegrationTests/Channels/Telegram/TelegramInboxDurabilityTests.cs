using System.Globalization;
using System.Net;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>The inbox keeps its promises across a restart of the hub on the same data.</summary>
public sealed class TelegramInboxDurabilityTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("lapor-telegram-restart");
    private readonly TemporaryMediaStore _media = new();
    private FakeTelegramBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _media.Dispose();
        _data.Dispose();
    }

    [Fact]
    public async Task A_redelivered_update_id_is_ignored_after_a_restart()
    {
        const long first = 9_100_001, second = 9_100_002;
        var beforeRestart = new RecordingInboundHandler();
        await using (var hub = await StartHubAsync(beforeRestart))
        {
            await PostAsync(hub, TelegramUpdates.Text(first, "Banjir di Kelurahan Keputih"));
            await beforeRestart.WaitForAsync(Id(first));
        }

        var afterRestart = new RecordingInboundHandler();
        await using (var hub = await StartHubAsync(afterRestart))
        {
            await PostAsync(hub, TelegramUpdates.Text(first, "Banjir di Kelurahan Keputih"));
            await PostAsync(hub, TelegramUpdates.Text(second, "sejak tadi pagi"));

            await afterRestart.WaitForAsync(Id(second));
            Assert.DoesNotContain(afterRestart.Handled, message => message.MessageId == Id(first));
        }
    }

    [Fact]
    public async Task An_acknowledged_update_is_handled_after_a_restart_even_if_the_dialog_failed_before_it()
    {
        const long updateId = 9_200_001;
        var failing = new RecordingInboundHandler();
        failing.FailNext(int.MaxValue);
        await using (var hub = await StartHubAsync(failing))
        {
            await PostAsync(hub, TelegramUpdates.Text(updateId, "Pohon tumbang menutup jalan"));
            await Eventually.TrueAsync(() => failing.Attempts > 0);
        }

        var healthy = new RecordingInboundHandler();
        await using (await StartHubAsync(healthy))
        {
            // Nobody posts anything: the inbox's reminder wakes it.
            var message = await healthy.WaitForAsync(Id(updateId));
            Assert.Equal("Pohon tumbang menutup jalan", message.Text);
        }

        Assert.Empty(failing.Handled);
    }

    private Task<TelegramTestHub> StartHubAsync(RecordingInboundHandler handler) =>
        TelegramTestHub.StartAsync(_api, _data.Path, handler, _media);

    private static async Task PostAsync(TelegramTestHub hub, string update)
    {
        using var webhook = hub.Webhook();
        using var response = await webhook.PostAsync(update);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Id(long updateId) => updateId.ToString(CultureInfo.InvariantCulture);
}
