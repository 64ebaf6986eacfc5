namespace Lapor.Hub.Channels.Polls;

/// <summary>
/// The background job that invites a poll's audience (key: poll ID): page by page through the opted-in register, each
/// invitation through the citizen's conversation and the outbox (which keeps each channel's rate limits), the cursor
/// stored after each page so a restart resumes where it stopped, and each invitation keyed so nobody is invited twice.
/// </summary>
[Alias("Lapor.Hub.IPollInvitationGrain")]
public interface IPollInvitationGrain : IGrainWithStringKey
{
    /// <summary>Starts (or, after a restart, resumes) the job; idempotent.</summary>
    [Alias("Start")]
    Task Start();

    [Alias("GetProgress")]
    Task<InvitationProgress> GetProgress();
}

/// <summary>For the console's progress bar: <see cref="Total"/> is the audience counted when the job started.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.InvitationProgress")]
public sealed record InvitationProgress(
    [property: Id(0)] int Total,
    [property: Id(1)] int Invited,
    [property: Id(2)] int Skipped,
    [property: Id(3)] bool Finished,
    [property: Id(4)] DateTimeOffset? StartedAt,
    [property: Id(5)] DateTimeOffset? FinishedAt);

public static class PollInvitationGrainExtensions
{
    public static IPollInvitationGrain GetPollInvitations(this IGrainFactory grains, string pollId) => grains.GetGrain<IPollInvitationGrain>(pollId);
}
