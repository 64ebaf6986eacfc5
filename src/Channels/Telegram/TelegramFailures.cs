using System.Net;
using Lapor.Hub.Channels.Messages;
using Telegram.Bot.Exceptions;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>What a failed Bot API call means for delivery: try again later, or give up with the reason.</summary>
internal static class TelegramFailures
{
    /// <summary>A failure of Telegram or of the way to it, as opposed to our own cancellation or a bug.</summary>
    public static bool IsProviderFailure(Exception error, CancellationToken cancellationToken) => error switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RequestException or HttpRequestException or IOException => true,
        _ => false,
    };

    public static DeliveryResult ToDeliveryResult(Exception error) => error switch
    {
        ApiRequestException { ErrorCode: 429 } limited => RetryLater(limited.Message,
            limited.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : null),
        ApiRequestException { ErrorCode: >= 500 } api => RetryLater(api.Message),
        // A wrong or revoked bot token: the operator's to fix, and the message is still good afterwards.
        ApiRequestException { ErrorCode: 401 or 404 } api => RetryLater($"{api.Message} (check Telegram:BotToken)"),
        // 400 (chat not found, bad request) and 403 (blocked by the user, kicked): sending again will not help.
        ApiRequestException api => Failed(api.Message),
        RequestException { HttpStatusCode: null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests } request =>
            RetryLater(request.Message),
        RequestException request => Failed($"{request.Message} (HTTP {(int)request.HttpStatusCode!})"),
        _ => RetryLater(error.Message),
    };

    public static DeliveryResult Failed(string error) => new(DeliveryStatus.Failed, Error: error);

    private static DeliveryResult RetryLater(string error, TimeSpan? retryAfter = null) =>
        new(DeliveryStatus.RetryLater, RetryAfter: retryAfter, Error: error);
}
