namespace Lapor.Hub.Channels.Polls;

/// <summary>What one chat knows about polls: its answer to the opt-in question, what its reports say about it, and the polls it was offered.</summary>
public sealed class PollChatState
{
    /// <summary>The bot asked once, after the first report.</summary>
    public bool OptInAsked { get; set; }

    /// <summary>True: opted in; false: said no or "stop"; null: never answered (then the register decides, e.g. an imported list).</summary>
    public bool? OptedIn { get; set; }

    /// <summary>The region of the citizen's latest report from this chat.</summary>
    public string? RegionCode { get; set; }

    /// <summary>The agencies this chat's reports were forwarded to.</summary>
    public List<string> Agencies { get; set; } = [];

    /// <summary>The polls sent to this chat, newest last; bounded. A vote counts only for a poll offered here.</summary>
    public List<OfferedPoll> Offered { get; set; } = [];

    /// <summary>The latest poll-related buttons (the opt-in question or the latest poll's options): what a typed "2" picks.</summary>
    public List<string> Choices { get; set; } = [];

    /// <summary>What was last written to the opt-in register, so that only a change writes it again.</summary>
    public string? Registered { get; set; }
}

/// <summary>A poll sent to the chat, with its option labels for the answer to a vote.</summary>
public sealed record OfferedPoll(string PollId, IReadOnlyList<string> Options, DateTimeOffset OfferedAt);
