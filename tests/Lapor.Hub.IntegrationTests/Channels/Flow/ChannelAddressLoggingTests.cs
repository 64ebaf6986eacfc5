using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>The Telegram hub whose warnings and errors are kept for the test to read.</summary>
public sealed class LoggedTelegramHub : TelegramHub
{
    public RecordingLogger Log { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new RecordingLoggerProvider(Log));

    private sealed class RecordingLoggerProvider(RecordingLogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}

/// <summary>A chat id identifies a citizen: delivery failures are logged with its last digits only.</summary>
public sealed class ChannelAddressLoggingTests(LoggedTelegramHub hub) : IClassFixture<LoggedTelegramHub>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_send_retried_after_a_provider_failure_is_logged_without_the_chat_id()
    {
        const long chat = 7100991;
        hub.BotApi.FailNextSends(1);
        await hub.SayAsync(Text(91, "Lampu jalan di Jl. Diponegoro mati sudah seminggu, gelap sekali malam hari", chat), "Di mana", chat);

        var failures = hub.Log.Entries.Where(e => e.Message.Contains("not delivered", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(failures);
        Assert.Contains(failures, e => e.Message.Contains("telegram:****991", StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Log.Entries, e => e.Message.Contains("7100991", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_that_quotes_the_chat_id_is_logged_with_it_masked()
    {
        const long chat = 7100992;
        hub.BotApi.RefuseNextSends(1, 400, $"Bad Request: chat {chat} not found");
        using (var webhook = new Lapor.Hub.Tests.Channels.Telegram.TelegramWebhookPoster(hub.Settings.BaseAddress, TelegramHub.Secret))
        {
            (await webhook.PostAsync(Text(92, "Saluran air tersumbat di depan pasar, banjir setiap hujan turun", chat))).EnsureSuccessStatusCode();
        }

        var deadline = DateTime.UtcNow + Patience;
        while (!hub.Log.Entries.Any(e => e.Message.Contains("given up", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "The refused message was not given up");
            await Task.Delay(100);
        }

        Assert.Contains(hub.Log.Entries, e => e.Message.Contains("chat ****992 not found", StringComparison.Ordinal));
        Assert.DoesNotContain(hub.Log.Entries, e => e.Message.Contains("7100992", StringComparison.Ordinal));
    }
}
