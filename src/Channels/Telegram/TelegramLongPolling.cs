using System.Text.Json;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Telegram.Inbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>
/// With <see cref="TelegramOptions.UseLongPolling"/>, fetches updates with getUpdates and brings them to the same
/// inboxes as the webhook. The offset moves past an update only once its inbox has recorded it, so a crash or a
/// refusal means Telegram serves it again, and the inbox's memory of update ids drops the repeats.
/// </summary>
internal sealed class TelegramLongPolling(
    IOptions<TelegramOptions> options,
    ITelegramBotClient client,
    TelegramUpdateIntake intake,
    ILogger<TelegramLongPolling> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UseLongPolling)
        {
            return;
        }

        logger.LogInformation("Telegram long polling started (no webhook)");
        var webhookRemoved = false;
        int? offset = null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!webhookRemoved)
                {
                    // getUpdates is refused while a webhook is set.
                    await client.DeleteWebhook(dropPendingUpdates: false, stoppingToken);
                    webhookRemoved = true;
                }

                var updates = await client.GetUpdates(offset, limit: 100, timeout: (int)options.Value.LongPollingTimeout.TotalSeconds,
                    allowedUpdates: TelegramWebhook.AllowedUpdates, cancellationToken: stoppingToken);
                (offset, var allRecorded) = await RecordAsync(updates, offset);
                failures = allRecorded ? 0 : failures + 1;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                failures++;
                logger.LogWarning(e, "Telegram long polling failed ({Failures} in a row)", failures);
            }

            if (failures > 0)
            {
                await PauseAsync(failures, stoppingToken);
            }
        }
    }

    private async Task<(int? Offset, bool AllRecorded)> RecordAsync(Update[] updates, int? offset)
    {
        foreach (var update in updates)
        {
            if (await intake.AcceptAsync(update, JsonSerializer.Serialize(update, JsonBotAPI.Options)) == InboxAcceptance.Busy)
            {
                return (offset, false);
            }

            offset = update.Id + 1;
        }

        return (offset, true);
    }

    private static async Task PauseAsync(int failures, CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, failures - 1), MaxBackoff.TotalSeconds));
        try
        {
            await Task.Delay(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends.
        }
    }
}
