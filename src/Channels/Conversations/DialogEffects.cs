using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>What the dialog wants done. The conversation grain carries effects out; the dialog itself touches nothing.</summary>
public abstract record DialogEffect;

public sealed record Say(OutboundMessage Message) : DialogEffect;

public sealed record FileDraft(ReportDraft Draft) : DialogEffect;

public sealed record AddToThread(string TrackingId, string Text, bool AnswersQuestion) : DialogEffect;

public sealed record ShowStatus(TrackingId TrackingId) : DialogEffect;

public sealed record ListOwnReports : DialogEffect;
