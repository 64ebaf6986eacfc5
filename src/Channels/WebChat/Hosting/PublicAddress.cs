using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>
/// The address clients reach the hub on: <see cref="WebChatOptions.PublicBaseUrl"/> if set, otherwise the request's,
/// with X-Forwarded-Proto and X-Forwarded-Host from a reverse proxy taking precedence (first value of each).
/// </summary>
internal static class PublicAddress
{
    /// <summary>Scheme, host and path base, without a trailing slash: <c>https://lapor.example.go.id</c>.</summary>
    public static string HttpBase(HttpRequest request, WebChatOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return options.PublicBaseUrl.TrimEnd('/');
        }

        var scheme = FirstValue(request.Headers["X-Forwarded-Proto"]) is { } forwardedScheme
            && (forwardedScheme.Equals("https", StringComparison.OrdinalIgnoreCase) || forwardedScheme.Equals("http", StringComparison.OrdinalIgnoreCase))
            ? forwardedScheme.ToLowerInvariant()
            : request.Scheme;
        var host = FirstValue(request.Headers["X-Forwarded-Host"]) is { } forwardedHost && IsPlainHost(forwardedHost)
            ? forwardedHost
            : request.Host.Value;
        return $"{scheme}://{host}{request.PathBase}";
    }

    /// <summary>The same address for WebSockets: http becomes ws, https becomes wss.</summary>
    public static string WebSocketBase(string httpBase) =>
        httpBase.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "wss://" + httpBase[8..]
        : httpBase.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "ws://" + httpBase[7..]
        : httpBase;

    private static string? FirstValue(string? header)
    {
        var first = header?.Split(',')[0].Trim();
        return string.IsNullOrEmpty(first) ? null : first;
    }

    // A host and optional port; anything else (paths, user info, spaces) is ignored rather than put into URLs.
    private static bool IsPlainHost(string host) =>
        host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':' or '[' or ']');
}
