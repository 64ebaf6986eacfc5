namespace Lapor.Hub.Channels.WebChat;

/// <summary>What a Direct Line token grants: one conversation, as one user, until it expires.</summary>
public sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public TimeSpan RemainingAt(DateTimeOffset now) => ExpiresAt > now ? ExpiresAt - now : TimeSpan.Zero;
}

public enum TokenValidation
{
    Valid,

    /// <summary>Missing, not a token of ours, or its signature does not match.</summary>
    Invalid,

    Expired,
}

/// <summary>A token issued just now, and its text for the client.</summary>
public sealed record IssuedToken(string Text, DirectLineToken Grant);
