using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// Every Direct Line call proves itself with a token: from <c>Authorization: Bearer</c>, or for the WebSocket stream
/// (browsers cannot set headers there) from the query parameter <c>t</c>. 401 for a missing, forged or expired token,
/// 403 for a valid token of another conversation.
/// </summary>
internal static class DirectLineAuthorization
{
    public static IResult? Authorize(
        HttpContext context, DirectLineTokenService tokens, string? conversationId, out DirectLineToken grant, bool allowQueryToken = false)
    {
        grant = null!;
        var token = BearerToken(context.Request) ?? (allowQueryToken ? context.Request.Query["t"].ToString() : null);
        switch (tokens.Validate(token, out var validated))
        {
            case TokenValidation.Expired:
                return Unauthorized(context, "TokenExpired", "The Direct Line token has expired; get a new one.");
            case TokenValidation.Invalid:
                return Unauthorized(context, "BadArgument", "A valid Direct Line token is required (Authorization: Bearer <token>).");
        }

        grant = validated!;
        return conversationId is not null && !string.Equals(conversationId, grant.ConversationId, StringComparison.Ordinal)
            ? DirectLineResults.Error(StatusCodes.Status403Forbidden, "BadArgument", "This token is for another conversation.")
            : null;
    }

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    public static IResult Unauthorized(HttpContext context, string code, string message)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
        return DirectLineResults.Error(StatusCodes.Status401Unauthorized, code, message);
    }
}
