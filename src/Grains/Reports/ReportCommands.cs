namespace Lapor.Hub.Reports;

/// <summary>
/// Commands change a report. <see cref="CommandId"/>, when given, makes a retried command a no-op
/// (the caller gets the current report back instead of a second change).
/// </summary>
public interface IReportCommand
{
    string? CommandId { get; }

    Actor Actor { get; }
}

[GenerateSerializer, Immutable, Alias("Lapor.Hub.RequestClarification")]
public sealed record RequestClarification(
    [property: Id(0)] Actor Actor, [property: Id(1)] string Question, [property: Id(2)] string? CommandId = null) : IReportCommand;

[GenerateSerializer, Immutable, Alias("Lapor.Hub.ForwardReport")]
public sealed record ForwardReport(
    [property: Id(0)] Actor Actor, [property: Id(1)] string CategoryCode, [property: Id(2)] string AgencyCode,
    [property: Id(3)] string? Note = null, [property: Id(4)] string? CommandId = null) : IReportCommand;

[GenerateSerializer, Immutable, Alias("Lapor.Hub.RejectReport")]
public sealed record RejectReport(
    [property: Id(0)] Actor Actor, [property: Id(1)] RejectionReason Reason, [property: Id(2)] string? Explanation = null,
    [property: Id(3)] string? DuplicateOf = null, [property: Id(4)] string? CommandId = null) : IReportCommand;

[GenerateSerializer, Immutable, Alias("Lapor.Hub.PostFollowUp")]
public sealed record PostFollowUp(
    [property: Id(0)] Actor Actor, [property: Id(1)] string Text, [property: Id(2)] string? CommandId = null,
    [property: Id(3)] IReadOnlyList<string>? MediaIds = null) : IReportCommand;

/// <summary>A message in the thread from the citizen or an admin. A citizen's reply to a pending question answers it.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.PostReply")]
public sealed record PostReply(
    [property: Id(0)] Actor Actor, [property: Id(1)] string Text, [property: Id(2)] string? CommandId = null) : IReportCommand;

public static class MessageLimits
{
    public const int MaxMessageLength = 4000;
}
