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
        directLine.MapPost("/tokens/resume", Resume);
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
        return DirectLineResults.Ok(Answer(issued, time) with { Resume = tokens.ResumeSecretFor(issued.Grant) });
    }

    /// <summary>
    /// The home page after a reload, even days later: its kept resume secret (as the bearer) for a fresh token of the
    /// same conversation and user. Knowing a conversation id is not enough: the secret is signed.
    /// </summary>
    private static IResult Resume(HttpContext context, DirectLineTokenService tokens, TimeProvider time, ILogger<DirectLineTokenService> logger)
    {
        if (tokens.Resume(DirectLineAuthorization.BearerToken(context.Request)) is not { } issued)
        {
            return DirectLineAuthorization.Unauthorized(context, "BadArgument", "A valid resume secret is required (Authorization: Bearer <secret>).");
        }

        LogResumed(logger, issued.Grant.ConversationId);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line conversation {ConversationId} resumed by its browser")]
    private static partial void LogResumed(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Direct Line token issued for new conversation {ConversationId}")]
    private static partial void LogIssued(ILogger logger, string conversationId);
}
