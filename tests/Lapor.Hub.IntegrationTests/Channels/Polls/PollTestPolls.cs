using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Polls;

/// <summary>Polls created and opened through the poll grain, as the console does, by an admin.</summary>
public static class PollTestPolls
{
    public const string Agency = "PEMKOT-3578";
    private static readonly Actor Admin = Actor.Admin("admin-polls-test");

    /// <summary>Opens a poll for two hours from <paramref name="now"/> (the hub's clock where a test moves it; else the real time).</summary>
    public static async Task<string> OpenAsync(IGrainFactory grains, string question, IReadOnlyList<string> options,
        PollAudience? audience = null, bool resultsBeforeClose = true, DateTimeOffset? now = null)
    {
        var pollId = PollIds.New();
        var poll = grains.GetPoll(pollId);
        var opensAt = now ?? DateTimeOffset.UtcNow;
        await poll.SaveDraft(new PollDraft(Agency, question, options, null, opensAt.AddSeconds(-1), opensAt.AddHours(2), resultsBeforeClose,
            audience ?? new PollAudience(PollAudienceKind.OptedIn)), Admin);
        await poll.Open(Admin);
        return pollId;
    }

    public static Task<string> OpenAsync(IServiceProvider services, string question, IReadOnlyList<string> options,
        PollAudience? audience = null, bool resultsBeforeClose = true, DateTimeOffset? now = null) =>
        OpenAsync(services.GetRequiredService<IGrainFactory>(), question, options, audience, resultsBeforeClose, now);

    public static async Task<PollResults> ResultsAsync(IServiceProvider services, string pollId) =>
        (await services.GetRequiredService<IGrainFactory>().GetPoll(pollId).Get(Admin))!.Results!;

    public static Task CloseAsync(IServiceProvider services, string pollId) =>
        services.GetRequiredService<IGrainFactory>().GetPoll(pollId).Close(Admin);

    /// <summary>Waits until the poll's invitation job has gone through its whole audience.</summary>
    public static async Task<InvitationProgress> InvitationsFinishedAsync(IServiceProvider services, string pollId)
    {
        var job = services.GetRequiredService<IGrainFactory>().GetPollInvitations(pollId);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var progress = await job.GetProgress();
            if (progress.Finished)
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The invitations of poll {pollId} did not finish: {progress}");
            await Task.Delay(50);
        }
    }
}
