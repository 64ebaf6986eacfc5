using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Channels.WebChat;

internal static class StreamEndpoint
{
    public static void MapStreamEndpoint(this RouteGroupBuilder directLine) =>
        directLine.MapGet("/conversations/{conversationId}/stream", StreamAsync);

    /// <summary>The WebSocket stream; the token comes in <c>?t=</c> (browsers cannot set headers on a WebSocket) and is checked before the upgrade.</summary>
    private static async Task<IResult> StreamAsync(
        string conversationId, string? watermark, HttpContext context, DirectLineTokenService tokens, DirectLineStream stream)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId, out var grant, allowQueryToken: true) is { } refused)
        {
            return refused;
        }

        if (!Watermarks.TryParse(watermark, out var after))
        {
            return DirectLineResults.BadRequest(Watermarks.Invalid);
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            return DirectLineResults.BadRequest("This is the WebSocket stream: connect with a WebSocket client, or poll GET …/activities.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await stream.RunAsync(socket, grant, after, context.RequestAborted);
        return Results.Empty;
    }
}
