using System.Globalization;
using System.Net;
using System.Text.Json;
using Lapor.Hub.Channels.Telegram.Inbox;
using Microsoft.Data.Sqlite;
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

    [Fact]
    public async Task Taking_a_handled_update_off_the_stored_inbox_rides_with_the_next_accepted_one_and_the_last_is_written_on_deactivation()
    {
        const long chat = 9_300_000;
        long[] updates = [9_300_001, 9_300_002, 9_300_003];
        var handler = new RecordingInboundHandler();
        // No wake-up tick during the test: it too would write the last removal.
        var noTick = new Dictionary<string, string?> { ["Telegram:InboxWakeUpPeriod"] = "00:10:00" };
        await using (var hub = await TelegramTestHub.StartAsync(_api, _data.Path, handler, _media, noTick))
        {
            var inbox = hub.Grains.GetGrain<ITelegramInboxGrain>(Id(chat));
            foreach (var update in updates)
            {
                await PostAsync(hub, TelegramUpdates.Text(update, $"Pesan {update}", chat));
                await handler.WaitForAsync(Id(update));
                await Eventually.TrueAsync(() => inbox.GetStatus().Result.Pending == 0);
            }

            // Three writes, one per accepted update; each took the update handled before it off. Written at once, the
            // removals made six. The last handled update is still stored, to be handled again after a crash, to no effect.
            var (writes, stored) = await StoredInboxAsync();
            Assert.Equal(3, writes);
            Assert.Equal([updates[^1]], stored);
        }

        // Deactivated with the hub: the last removal was written.
        Assert.Equal((4, Array.Empty<long>()), await StoredInboxAsync());

        var afterRestart = new RecordingInboundHandler();
        await using (var hub = await StartHubAsync(afterRestart))
        {
            var next = 9_300_004;
            await PostAsync(hub, TelegramUpdates.Text(next, "Pesan berikutnya", chat));
            await afterRestart.WaitForAsync(Id(next));
            Assert.Equal([Id(next)], afterRestart.Handled.Select(message => message.MessageId));
        }
    }

    [Fact]
    public async Task Updates_of_one_chat_posted_at_once_each_twice_are_all_accepted_handled_once_each_and_written_at_most_once_each()
    {
        const long chat = 9_400_000;
        var updates = Enumerable.Range(1, 16).Select(i => chat + i).ToArray();
        var handler = new RecordingInboundHandler();
        await using var hub = await StartHubAsync(handler);

        // Each update twice and all at once, as when Telegram redelivers an update whose answer was slow.
        await Task.WhenAll(updates.Concat(updates).Select(update => PostAsync(hub, TelegramUpdates.Text(update, $"Pesan {update}", chat))));

        foreach (var update in updates)
        {
            await handler.WaitForAsync(Id(update));
        }

        var inbox = hub.Grains.GetGrain<ITelegramInboxGrain>(Id(chat));
        await Eventually.TrueAsync(() => inbox.GetStatus().Result.Pending == 0);
        Assert.Equal(updates.Select(Id), handler.Handled.Select(message => message.MessageId).Order());
        // Accepted together, they shared writes; a handled update's removal rode with a later one.
        var (writes, _) = await StoredInboxAsync();
        Assert.InRange(writes, 1, updates.Length);
    }

    /// <summary>The inbox's row: how often it was written (its version) and the update IDs it holds as pending.</summary>
    private async Task<(long Writes, long[] Pending)> StoredInboxAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "lapor-hub.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // The test's own data directory holds this one chat's inbox (a string key is stored hashed, not in clear).
        command.CommandText = "SELECT Version, PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'telegram-inbox'";
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        using var state = JsonDocument.Parse((byte[])row["PayloadBinary"]);
        var pending = state.RootElement.GetProperty("pending").EnumerateArray().Select(update => update.GetProperty("updateId").GetInt64()).ToArray();
        var writes = row.GetInt64(0);
        Assert.False(await row.ReadAsync());
        return (writes, pending);
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
