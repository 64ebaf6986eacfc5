using Lapor.Hub.Channels.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.WebChat;

internal static partial class TokenEndpoints
{
    public static void MapTokenEndpoints(this RouteGroupBuilder directLine)
    {
        directLine.MapPost("/tokens/generate", Generate);
        directLine.MapPost("/tokens/refresh", Refresh);
    }

    /// <summary>
    /// Anyone may open a chat: the home page asks for a token here. The token is bound at once to a new
    /// conversation and a new "dl_" user id that Web Chat reads from it.
    /// </summary>
    private static IResult Generate(
        HttpContext context, DirectLineTokenService tokens, DirectLineRateLimits limits, TimeProvider time, ILogger<DirectLineTokenService> logger)
    {
        if (limits.Refuse(context, (DirectLineLimit.ChatStart, ClientAddress.Of(context))) is { } throttled)
        {
            return throttled;
        }

        var issued = tokens.Issue(DirectLineIds.NewConversationId(), DirectLineIds.NewUserId());
        LogIssued(logger, issued.Grant.ConversationId);
        return DirectLineResults.Ok(Answer(issued, time));
    }

    private static IResult Refresh(HttpContext context, DirectLineTokenService tokens, DirectLineRateLimits limits, TimeProvider time)
    {
        if (DirectLineAuthorization.Authorize(context, tokens, conversationId: null, out var grant) is { } refused)
        {
            return refused;
        }

        if (limits.Refuse(context, (DirectLineLimit.Token, grant.ConversationId)) is { } throttled)
        {
            return throttled;
        }

        return DirectLineResults.Ok(Answer(tokens.Renew(grant), time));
    }

    internal static ConversationResponse Answer(IssuedToken issued, TimeProvider time, string? streamUrl = null) =>
        new(issued.Grant.ConversationId, issued.Text, (int)issued.Grant.RemainingAt(time.GetUtcNow()).TotalSeconds, streamUrl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line token issued for new conversation {ConversationId}")]
    private static partial void LogIssued(ILogger logger, string conversationId);
}
