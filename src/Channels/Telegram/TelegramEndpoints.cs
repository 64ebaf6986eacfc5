using System.Text;
using System.Text.Json;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Telegram.Inbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Lapor.Hub.Channels.Telegram;

public static class TelegramEndpoints
{
    /// <summary>
    /// POST <see cref="TelegramOptions.WebhookPath"/>. 200 means the update is durably recorded (or was already):
    /// it will be handled once. Any other answer means nothing was recorded, and Telegram delivers it again.
    /// </summary>
    public static IEndpointConventionBuilder MapTelegram(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(TelegramOptions.WebhookPath, (Func<HttpContext, Task<IResult>>)ReceiveAsync).ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TelegramEndpoints));
        if (services.GetService<TelegramUpdateIntake>() is not { } intake)
        {
            return Results.NotFound();
        }

        if (!services.GetRequiredService<TelegramWebhookSecret>().Matches(http.Request.Headers[TelegramOptions.SecretTokenHeader]))
        {
            logger.LogWarning("Telegram webhook call from {RemoteAddress} refused: missing or wrong secret token", http.Connection.RemoteIpAddress);
            return Results.Unauthorized();
        }

        var maxBytes = services.GetRequiredService<IOptions<TelegramOptions>>().Value.MaxUpdateBytes;
        if (await BoundedBody.ReadAsync(http, maxBytes) is not { } body)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (Parse(body) is not { } update)
        {
            logger.LogWarning("Telegram webhook body is not an update ({Bytes} bytes)", body.Length);
            return Results.BadRequest();
        }

        try
        {
            var acceptance = await intake.AcceptAsync(update, Encoding.UTF8.GetString(body));
            return acceptance == InboxAcceptance.Busy ? WebhookRetry.Later(http) : Results.Ok();
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.Log(WebhookRetry.LevelFor(e), WebhookRetry.Logged(e),
                "Telegram update {UpdateId} could not be recorded ({Reason}); answering 503 so Telegram delivers it again", update.Id, e.Message);
            return WebhookRetry.Later(http);
        }
    }

    private static Update? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options) is { Id: > 0 } update ? update : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException
                                       or FormatException or OverflowException)
        {
            // Not only JsonException: the library's converters throw others for out-of-range values (a date beyond year 9999).
            return null;
        }
    }
}
