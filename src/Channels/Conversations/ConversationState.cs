using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>Where the dialog stands with one citizen.</summary>
public enum DialogStep
{
    Idle,
    AwaitingDescription,
    AwaitingLocation,
    AwaitingPhotos,
    AwaitingAnonymity,
    AwaitingSecrecy,
    AwaitingConfirmation,
    /// <summary>Free text arrived while a report's thread is open: reply to it, or start a new report?</summary>
    AwaitingReplyOrNew,
}

/// <summary>The report being written. <see cref="Id"/> makes filing it idempotent.</summary>
public sealed class ReportDraft
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string? Text { get; set; }

    public GeoPoint? Location { get; set; }

    public string? Place { get; set; }

    public string? RegionCode { get; set; }

    public List<MediaFile> Media { get; set; } = [];

    public bool? IsAnonymous { get; set; }

    public bool? IsSecret { get; set; }

    /// <summary>A description too thin to act on, kept while the citizen is asked, once, for more detail.</summary>
    public string? ThinText { get; set; }
}

/// <summary>A report this citizen filed here, with the key that proves it is theirs.</summary>
public sealed record OwnReport(string TrackingId, string ReporterKey, DateTimeOffset FiledAt);

public sealed class ConversationState
{
    public string Language { get; set; } = DialogTexts.Indonesian;

    /// <summary>The citizen chose the language with a command: no more guessing.</summary>
    public bool LanguageSettled { get; set; }

    /// <summary>The language was read from the citizen's own words, which outrank the channel's language code from then on.</summary>
    public bool LanguageHeard { get; set; }

    /// <summary>The name the channel gave for the citizen, for the report's reporter name.</summary>
    public string? SenderName { get; set; }

    public DialogStep Step { get; set; }

    public ReportDraft? Draft { get; set; }

    public List<OwnReport> Reports { get; set; } = [];

    /// <summary>
    /// The verified phone number (E.164 digits) a chat that is not itself a phone number was linked to by a contact
    /// share: its citizen's reports from SMS and WhatsApp count as this chat's own.
    /// </summary>
    public string? CitizenPhone { get; set; }

    /// <summary>The report whose admin question the citizen's next free text answers.</summary>
    public string? PendingQuestion { get; set; }

    /// <summary>The report whose follow-up the citizen was last told about, so a reply can go to its thread.</summary>
    public string? OpenThread { get; set; }

    /// <summary>Free text waiting for the citizen to say where it belongs (<see cref="DialogStep.AwaitingReplyOrNew"/>).</summary>
    public string? HeldText { get; set; }

    /// <summary>Per report, the last history entry the citizen was told about.</summary>
    public Dictionary<string, int> NotifiedThrough { get; set; } = [];

    /// <summary>
    /// The choice values of the bot's latest buttons. A tapped value counts only if it is here: a channel cannot
    /// prove that callback data came from a button the bot sent (Telegram does not).
    /// </summary>
    public List<string> OfferedChoices { get; set; } = [];

    /// <summary>The citizen sent STOP (SMS): nothing is sent until MULAI/START, a new report or a reply.</summary>
    public bool OptedOut { get; set; }

    /// <summary>Policy polls in this chat: opt-in, the polls offered (issue 14).</summary>
    public PollChatState Polls { get; set; } = new();

    /// <summary>Provider message IDs already handled, newest last; bounded.</summary>
    public List<string> HandledMessages { get; set; } = [];
}
