using Lapor.Hub.Channels.Telegram;
using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Tests.Channels.Telegram;

public sealed class TelegramWebhookRegistrationTests : IAsyncLifetime
{
    private FakeTelegramBotApi _api = null!;

    public async Task InitializeAsync() => _api = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Registering_sets_the_webhook_with_the_secret_token_for_messages_and_callback_queries()
    {
        var options = Options();

        var url = await TelegramWebhook.RegisterAsync(TelegramBotClients.Create(options), options);

        Assert.Equal("https://lapor.example.go.id/channels/telegram/webhook", url.AbsoluteUri);
        var call = Assert.Single(_api.CallsTo("setWebhook"));
        Assert.Equal(url.AbsoluteUri, call.Parameters["url"]);
        Assert.Equal(TelegramTestHub.Secret, call.Parameters["secret_token"]);
        Assert.Equal("[\"message\",\"callback_query\"]", call.Parameters["allowed_updates"]);
    }

    [Fact]
    public async Task The_set_webhook_command_registers_the_webhook_from_configuration()
    {
        var (exitCode, output, error) = await RunAsync(["telegram", "set-webhook", "--Telegram:PublicBaseUrl=https://lapor.example.go.id"], Settings());

        Assert.Equal(TelegramCommandLine.Succeeded, exitCode);
        Assert.Contains("https://lapor.example.go.id/channels/telegram/webhook", output, StringComparison.Ordinal);
        Assert.Empty(error);
        Assert.Single(_api.CallsTo("setWebhook"));
    }

    [Fact]
    public async Task The_command_explains_what_is_missing_or_wrong()
    {
        var noToken = Settings();
        noToken.Remove("Telegram:BotToken");
        var noPublicUrl = Settings();
        noPublicUrl.Remove("Telegram:PublicBaseUrl");
        var wrongToken = Settings();
        wrongToken["Telegram:BotToken"] = "42:not-the-token-telegram-knows";

        var unknown = await RunAsync(["telegram", "frobnicate"], Settings());
        var missingToken = await RunAsync(["telegram", "set-webhook"], noToken);
        var missingUrl = await RunAsync(["telegram", "set-webhook"], noPublicUrl);
        var refused = await RunAsync(["telegram", "set-webhook"], wrongToken);

        Assert.Equal(TelegramCommandLine.Misused, unknown.ExitCode);
        Assert.Contains("Usage: telegram set-webhook", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(TelegramCommandLine.Misused, missingToken.ExitCode);
        Assert.Contains("Telegram:BotToken", missingToken.Error, StringComparison.Ordinal);
        Assert.Equal(TelegramCommandLine.Misused, missingUrl.ExitCode);
        Assert.Contains("Telegram:PublicBaseUrl", missingUrl.Error, StringComparison.Ordinal);
        Assert.Equal(TelegramCommandLine.TelegramRefused, refused.ExitCode);
        Assert.Contains("Unauthorized", refused.Error, StringComparison.Ordinal);
    }

    private TelegramOptions Options() => new()
    {
        BotToken = FakeTelegramBotApi.Token,
        WebhookSecret = TelegramTestHub.Secret,
        PublicBaseUrl = "https://lapor.example.go.id/",
        ApiBaseUrl = _api.BaseUrl.ToString(),
    };

    private Dictionary<string, string?> Settings() => new()
    {
        ["Telegram:BotToken"] = FakeTelegramBotApi.Token,
        ["Telegram:WebhookSecret"] = TelegramTestHub.Secret,
        ["Telegram:PublicBaseUrl"] = "https://lapor.example.go.id",
        ["Telegram:ApiBaseUrl"] = _api.BaseUrl.ToString(),
    };

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).AddCommandLine(args).Build();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await TelegramCommandLine.RunAsync(args, configuration, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
