using Lapor.Hub.Polls;

namespace Lapor.Hub.Channels.Polls;

/// <summary>A poll as a chat shows it: question, options, optional explanation.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.PollInvitation")]
public sealed record PollInvitation(
    [property: Id(0)] string PollId,
    [property: Id(1)] string Question,
    [property: Id(2)] IReadOnlyList<string> Options,
    [property: Id(3)] string? Explanation,
    [property: Id(4)] DateTimeOffset ClosesAt)
{
    public static PollInvitation Of(PollView poll) =>
        new(poll.PollId, poll.Definition.Question, poll.Definition.Options, poll.Definition.Explanation, poll.Definition.ClosesAt);
}

public enum InvitationOutcome
{
    Invited,
    /// <summary>The chat opted out, or WhatsApp's window is closed and no poll template is configured.</summary>
    Skipped,
}
