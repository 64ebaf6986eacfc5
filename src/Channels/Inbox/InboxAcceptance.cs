namespace Lapor.Hub.Channels.Inbox;

/// <summary>What an inbox did with a provider's message: the webhook's answer follows from it.</summary>
public enum InboxAcceptance
{
    /// <summary>Stored; it will be handled even if the hub restarts first.</summary>
    Accepted,

    /// <summary>Seen before: ignored.</summary>
    Duplicate,

    /// <summary>Too many messages of this chat are waiting; not stored, so the provider must deliver it again later.</summary>
    Busy,
}
