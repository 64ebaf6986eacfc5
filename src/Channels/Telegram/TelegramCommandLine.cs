using Microsoft.Extensions.Configuration;
using Telegram.Bot.Exceptions;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>The hub's <c>telegram</c> subcommands: <c>telegram set-webhook</c> registers the webhook with Telegram.</summary>
public static class TelegramCommandLine
{
    public const string Command = "telegram";

    public const int Succeeded = 0;
    public const int TelegramRefused = 1;
    public const int Misused = 2;

    private const string Usage = """
        Usage: telegram set-webhook [--Telegram:BotToken=…] [--Telegram:WebhookSecret=…] [--Telegram:PublicBaseUrl=https://…]
          set-webhook   Registers {PublicBaseUrl}/channels/telegram/webhook with Telegram, with the secret token,
                        for message and callback_query updates.
        """;

    /// <summary>Whether <paramref name="args"/> asks for a telegram subcommand rather than starting the hub.</summary>
    public static bool Handles(string[] args) => args is [Command, ..];

    /// <summary>Runs the subcommand in <paramref name="args"/> (with or without the leading "telegram"); returns the exit code.</summary>
    /// <remarks>Words after the first option (an argument starting with '-') are configuration, not commands.</remarks>
    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var words = args.TakeWhile(arg => !arg.StartsWith('-')).SkipWhile(word => word == Command).ToArray();
        if (words is not ["set-webhook"])
        {
            await error.WriteLineAsync(Usage);
            return Misused;
        }

        var options = configuration.GetSection(TelegramOptions.SectionName).Get<TelegramOptions>() ?? new TelegramOptions();
        var problems = options.IsEnabled
            ? options.Problems()
            : [$"{TelegramOptions.SectionName}:{nameof(TelegramOptions.BotToken)} is not set."];
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            return Misused;
        }

        return await SetWebhookAsync(options, output, error);
    }

    private static async Task<int> SetWebhookAsync(TelegramOptions options, TextWriter output, TextWriter error)
    {
        try
        {
            var url = await TelegramWebhook.RegisterAsync(TelegramBotClients.Create(options), options);
            await output.WriteLineAsync($"Telegram webhook set to {url} for {string.Join(", ", TelegramWebhook.AllowedUpdates)} updates.");
            return Succeeded;
        }
        catch (InvalidOperationException misconfigured)
        {
            await error.WriteLineAsync(misconfigured.Message);
            return Misused;
        }
        catch (RequestException refused)
        {
            await error.WriteLineAsync($"Telegram did not set the webhook: {refused.Message}");
            return TelegramRefused;
        }
    }
}
