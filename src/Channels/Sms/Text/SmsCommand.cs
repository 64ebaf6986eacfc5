using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>What an SMS asks for. Anything that is not a keyword is <see cref="Report"/>.</summary>
public enum SmsCommandKind
{
    /// <summary>Not a keyword: the whole text is a new report.</summary>
    Report,

    /// <summary>CEK/CHECK &lt;ID&gt;, or just the ID.</summary>
    Status,

    /// <summary>BALAS/REPLY &lt;ID&gt; &lt;text&gt; (the ID may be missing: then it is the report the citizen was last asked or told about).</summary>
    Reply,

    /// <summary>LAPORAN, LAPORAN SAYA, MY REPORTS.</summary>
    MyReports,

    /// <summary>INFO, BANTUAN, HELP.</summary>
    Help,

    /// <summary>STOP, BERHENTI: no more messages until MULAI/START or a new report.</summary>
    Stop,

    /// <summary>MULAI, START.</summary>
    Start,

    /// <summary>CEK/CHECK with nothing after it: the citizen is told how to use it.</summary>
    StatusWithoutId,

    /// <summary>A bare number ("2"): the option of the latest poll offered, when one was (otherwise a too-short report). Text: the number.</summary>
    PollAnswer,

    /// <summary>POLLING, POLLS: the open polls for this citizen.</summary>
    Polls,

    /// <summary>BERHENTI POLLING, STOP POLLING: no more polls here; other messages go on.</summary>
    StopPolls,

    /// <summary>BERHENTI SEMUA, STOP ALL: no more polls on any of the citizen's numbers and linked chats.</summary>
    StopAll,
}

/// <summary>
/// A tracking ID as the citizen typed it: <see cref="Exact"/> when it passed the check, otherwise the IDs one typo away
/// (<see cref="TrackingIdCorrection"/>), which only the citizen's own reports may narrow down to one.
/// </summary>
public sealed record TypedTrackingId(string Typed, TrackingId? Exact, IReadOnlyList<TrackingId> Candidates);

/// <param name="Text">The report's text (<see cref="SmsCommandKind.Report"/>) or the reply's (<see cref="SmsCommandKind.Reply"/>); otherwise empty.</param>
/// <param name="Language">"id" or "en" when the keyword is only said in one of them (CEK, CHECK); null for STOP, INFO, a bare ID or a report.</param>
public sealed record SmsCommand(SmsCommandKind Kind, string Text = "", TypedTrackingId? TrackingId = null, string? Language = null);
