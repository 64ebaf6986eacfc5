using System.Net.WebSockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Runs one WebSocket stream: each text frame is one ActivitySet; an idle stream gets an empty frame every
/// <see cref="WebChatOptions.StreamKeepAliveInterval"/>. New activities arrive as a nudge from the conversation grain
/// and are read by watermark, so a lost nudge only delays them to the next keep-alive. The stream closes when its
/// token expires or the hub stops; Web Chat then reconnects through GET /conversations/{id}.
/// </summary>
internal sealed partial class DirectLineStream(
    IGrainFactory grains,
    IOptions<WebChatOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<DirectLineStream> logger)
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(WebSocket socket, DirectLineToken grant, long? watermark, CancellationToken requestAborted)
    {
        var conversationId = grant.ConversationId;
        var grain = grains.GetGrain<IDirectLineConversationGrain>(conversationId);
        using var wakeUp = new StreamWakeUp();
        var listener = grains.CreateObjectReference<IDirectLineConversationObserver>(wakeUp);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        var receiving = ReceiveUntilClosedAsync(socket, stop);
        LogOpened(conversationId, watermark);
        var (status, reason) = (WebSocketCloseStatus.NormalClosure, "");
        try
        {
            await grain.SubscribeAsync(listener);
            watermark = await SendNewAsync(socket, grain, watermark, stop.Token) ?? watermark;
            (status, reason) = await PumpAsync(socket, grain, listener, wakeUp, grant, watermark, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            (status, reason) = lifetime.ApplicationStopping.IsCancellationRequested
                ? (WebSocketCloseStatus.EndpointUnavailable, "The hub is restarting.")
                : (WebSocketCloseStatus.NormalClosure, "");
        }
        catch (Exception exception) when (exception is WebSocketException or OrleansException or TimeoutException)
        {
            LogFailed(exception, conversationId);
            (status, reason) = (WebSocketCloseStatus.InternalServerError, "Stream interrupted; reconnect.");
        }
        finally
        {
            await CloseAsync(socket, status, reason, receiving);
            await UnsubscribeQuietlyAsync(grain, listener);
            grains.DeleteObjectReference<IDirectLineConversationObserver>(listener);
            LogClosed(conversationId, status);
        }
    }

    private async Task<(WebSocketCloseStatus, string)> PumpAsync(
        WebSocket socket, IDirectLineConversationGrain grain, IDirectLineConversationObserver listener,
        StreamWakeUp wakeUp, DirectLineToken grant, long? watermark, CancellationToken cancellationToken)
    {
        var keepAlive = options.Value.StreamKeepAliveInterval;
        var nextKeepAlive = time.GetUtcNow() + keepAlive;
        while (true)
        {
            var untilKeepAlive = nextKeepAlive - time.GetUtcNow();
            await wakeUp.WaitAsync(untilKeepAlive > TimeSpan.Zero ? untilKeepAlive : TimeSpan.Zero, cancellationToken);
            if (time.GetUtcNow() >= grant.ExpiresAt)
            {
                return (WebSocketCloseStatus.PolicyViolation, "Token expired.");
            }

            var sentUpTo = await SendNewAsync(socket, grain, watermark, cancellationToken);
            watermark = sentUpTo ?? watermark;
            if (time.GetUtcNow() >= nextKeepAlive)
            {
                if (sentUpTo is null)
                {
                    await socket.SendAsync(ReadOnlyMemory<byte>.Empty, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                }

                // Keeps the subscription from lapsing, and renews it if the grain was deactivated meanwhile.
                await grain.SubscribeAsync(listener);
                nextKeepAlive = time.GetUtcNow() + keepAlive;
            }
        }
    }

    /// <summary>Sends the activities after <paramref name="watermark"/> as one frame; the new watermark, or null if there were none.</summary>
    private static async Task<long?> SendNewAsync(WebSocket socket, IDirectLineConversationGrain grain, long? watermark, CancellationToken cancellationToken)
    {
        var page = await grain.GetActivitiesAsync(watermark);
        if (page.Activities.Count == 0)
        {
            return null;
        }

        await socket.SendAsync(ActivityJson.ActivitySet(page.Activities, page.Watermark), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        return page.Watermark;
    }

    /// <summary>Reads and ignores what the client sends (Web Chat pings with empty frames) until it closes or drops.</summary>
    private static async Task ReceiveUntilClosedAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // The client dropped or we are stopping: either way the stream ends.
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, Task receiving)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }

            await receiving.WaitAsync(CloseHandshakeTimeout);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // Closing is a courtesy; the connection goes away regardless.
        }
    }

    private async Task UnsubscribeQuietlyAsync(IDirectLineConversationGrain grain, IDirectLineConversationObserver listener)
    {
        try
        {
            await grain.UnsubscribeAsync(listener);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException or OperationCanceledException)
        {
            LogUnsubscribeFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line stream opened on conversation {ConversationId} from watermark {Watermark}")]
    private partial void LogOpened(string conversationId, long? watermark);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line stream closed on conversation {ConversationId} ({CloseStatus})")]
    private partial void LogClosed(string conversationId, WebSocketCloseStatus closeStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Direct Line stream on conversation {ConversationId} failed; the client will reconnect")]
    private partial void LogFailed(Exception exception, string conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Direct Line stream could not unsubscribe; the subscription lapses by itself")]
    private partial void LogUnsubscribeFailed(Exception exception);
}
