using Lapor.Hub.Channels.Telegram.Inbox;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>One fake Bot API and one hub for a test class; tests keep apart by their own chat ids and update ids.</summary>
public sealed class TelegramHubFixture : IAsyncLifetime
{
    private static long _lastId = 7_000_000;
    private readonly TemporaryDirectory _data = new("lapor-telegram-hub");

    public FakeTelegramBotApi Api { get; private set; } = null!;

    public TelegramTestHub Hub { get; private set; } = null!;

    public RecordingInboundHandler Handler { get; } = new();

    public TemporaryMediaStore Media { get; } = new();

    /// <summary>A fresh id, for an update or a chat no other test uses.</summary>
    public static long NextId() => Interlocked.Increment(ref _lastId);

    public Task<TelegramInboxStatus> InboxOf(long chatId) =>
        Hub.Grains.GetGrain<ITelegramInboxGrain>(chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetStatus();

    public async Task InitializeAsync()
    {
        Api = await FakeTelegramBotApi.StartAsync();
        Hub = await TelegramTestHub.StartAsync(Api, _data.Path, Handler, Media);
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        await Api.DisposeAsync();
        Media.Dispose();
        _data.Dispose();
    }
}
