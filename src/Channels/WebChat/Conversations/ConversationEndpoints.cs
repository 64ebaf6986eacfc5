using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WebChat;

internal static class ConversationEndpoints
{
    public static void MapConversationEndpoints(this RouteGroupBuilder directLine)
    {
        directLine.MapPost("/conversations", StartAsync);
        directLine.MapGet("/conversations/{conversationId}", ReconnectAsync);
    }

    /// <summary>Starts the conversation the token is bound to (again, harmlessly): 201 the first time, 200 after.</summary>
    private static async Task<IResult> StartAsync(
        HttpContext context, DirectLineTokenService tokens, DirectLineRateLimits limits, IGrainFactory grains, IOptions<WebChatOptions> options, TimeProvider time)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId: null, out var grant) is { } refused)
        {
            return refused;
        }

        if (limits.Refuse(context, (DirectLineLimit.Token, grant.ConversationId)) is { } throttled)
        {
            return throttled;
        }

        var httpBase = PublicAddress.HttpBase(context.Request, options.Value);
        var isNew = await grains.GetGrain<IDirectLineConversationGrain>(grant.ConversationId).StartAsync(grant.UserId, httpBase);
        var issued = tokens.Renew(grant);
        var answer = TokenEndpoints.Answer(issued, time, StreamUrl(httpBase, issued, watermark: null));
        return DirectLineResults.Ok(answer, isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>What a client calls when its WebSocket dropped: a fresh token and a streamUrl resuming after its watermark.</summary>
    private static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpContext context,
        DirectLineTokenService tokens, DirectLineRateLimits limits, IGrainFactory grains, IOptions<WebChatOptions> options, TimeProvider time)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId, out var grant) is { } refused)
        {
            return refused;
        }

        if (limits.Refuse(context, (DirectLineLimit.Token, conversationId)) is { } throttled)
        {
            return throttled;
        }

        if (!Watermarks.TryParse(watermark, out var after))
        {
            return DirectLineResults.BadRequest(Watermarks.Invalid);
        }

        var httpBase = PublicAddress.HttpBase(context.Request, options.Value);
        await grains.GetGrain<IDirectLineConversationGrain>(conversationId).StartAsync(grant.UserId, httpBase);
        var issued = tokens.Renew(grant);
        return DirectLineResults.Ok(TokenEndpoints.Answer(issued, time, StreamUrl(httpBase, issued, after)));
    }

    private static string StreamUrl(string httpBase, IssuedToken issued, long? watermark)
    {
        var url = $"{PublicAddress.WebSocketBase(httpBase)}{DirectLineEndpoints.BasePath}/conversations/"
            + $"{Uri.EscapeDataString(issued.Grant.ConversationId)}/stream?t={Uri.EscapeDataString(issued.Text)}";
        return watermark is { } after ? $"{url}&watermark={after.ToString(CultureInfo.InvariantCulture)}" : url;
    }
}
