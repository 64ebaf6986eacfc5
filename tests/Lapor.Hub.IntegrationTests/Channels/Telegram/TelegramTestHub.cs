using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace Lapor.Hub.Tests.Channels.Telegram;

/// <summary>
/// The Telegram channel as the hub hosts it: Kestrel on a free loopback port with the webhook mapped, a
/// one-silo Orleans cluster on the hub's real grain storage and reminders in <c>dataDirectory</c>, and the
/// real TelegramBotClient pointed at the fake Bot API, and the real outbox. Stands in for the conversation and the media store.
/// </summary>
public sealed class TelegramTestHub : IAsyncDisposable
{
    public const string Secret = "test-webhook-secret_0123456789";

    private readonly WebApplication _app;

    private TelegramTestHub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<TelegramTestHub> StartAsync(
        FakeTelegramBotApi api, string dataDirectory, IInboundMessageHandler handler, IMediaStore media,
        IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeTelegramBotApi.Token,
            ["Telegram:WebhookSecret"] = Secret,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:PublicBaseUrl"] = "https://lapor.example.go.id",
            ["Telegram:InboxWakeUpPeriod"] = "00:00:01",
            ["Telegram:LongPollingTimeout"] = "00:00:01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        var storage = new HubStorageOptions { DataDirectory = dataDirectory };
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            silo.AddHubGrainStorage(storage).AddHubReminders(storage);
            silo.Configure<ReminderOptions>(options =>
            {
                options.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                options.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            });
        });
        builder.Services.AddSingleton(handler);
        builder.Services.AddSingleton(media);
        builder.Services.AddTelegram(builder.Configuration);
        // The outbox, which notices about refused files go through; the handler above stays the conversation's stand-in.
        builder.Services.AddHubConversations(builder.Configuration);

        var app = builder.Build();
        app.MapTelegram();
        await app.StartAsync();
        return new TelegramTestHub(app) { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public TelegramWebhookPoster Webhook(string? secret = Secret) => new(BaseAddress, secret);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
