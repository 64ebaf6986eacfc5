namespace Lapor.Hub.Channels.WebChat;

/// <summary>The Direct Line endpoints for web chat. Bound from the section <c>WebChat</c>.</summary>
public sealed class WebChatOptions
{
    public const string SectionName = "WebChat";

    /// <summary>The key Direct Line tokens are signed with (at least 32 characters); empty: a key kept in the data directory.</summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>How long a token is good for. Web Chat refreshes its token every 15 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The hub's public address (e.g. <c>https://lapor.example.go.id</c>), used for streamUrl and media links;
    /// empty: taken from each request, honouring X-Forwarded-Proto and X-Forwarded-Host.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Origins allowed to call the endpoints from a browser; empty: any (the bearer token, not a cookie, is the credential).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The longest message text accepted, in characters.</summary>
    public int MaxTextLength { get; set; } = 4000;

    /// <summary>The largest activity accepted, in bytes of JSON.</summary>
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>The most files one upload may carry.</summary>
    public int MaxFilesPerUpload { get; set; } = 5;

    /// <summary>How many activities a conversation keeps; older ones are dropped (watermarks keep counting up).</summary>
    public int HistoryLimit { get; set; } = 500;

    /// <summary>How often an idle WebSocket stream gets an empty frame, so proxies and the browser see it alive.</summary>
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);
}
