using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Web.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// What the console pages need around the poll grain: who is acting, the lists (from the query table, scoped to an
/// officer's agency) and the invitation job's progress. Whether someone may see or change a poll is the grain's answer.
/// </summary>
public sealed class PollDesk(IGrainFactory grains, IPollQueries queries, ILogger<PollDesk> logger)
{
    /// <summary>The signed-in admin or officer as the grain knows them; null for anyone else.</summary>
    public static Actor? ActorOf(HttpContext http) => AccountViewer.FromAccount(http.User) switch
    {
        { IsAdmin: true } admin => admin.ToActor(),
        { IsOfficer: true } officer => officer.ToActor(),
        _ => null,
    };

    public IPollGrain Poll(string pollId) => grains.GetPoll(pollId);

    /// <summary>The poll as <paramref name="actor"/> may manage it; null when it does not exist or is another agency's.</summary>
    public async Task<PollView?> FindAsync(string pollId, Actor actor)
    {
        if (!PollIds.IsWellFormed(pollId))
        {
            return null;
        }

        var view = await grains.GetPoll(pollId).Get(actor);
        return view is not null && PollAccess.MayManage(view.Definition.AgencyCode, actor) ? view : null;
    }

    public Task<IReadOnlyList<PollIndexEntry>> ListAsync(Actor actor, int page, CancellationToken cancellationToken) =>
        queries.ListAsync(new PollListQuery(AgencyCode: actor.Kind == ActorKind.AgencyOfficer ? actor.AgencyCode : null, Page: page, PageSize: 50), cancellationToken);

    /// <summary>The invitation job's progress; null before it started (or when the hub runs without the chat side).</summary>
    public async Task<InvitationProgress?> InvitationsAsync(PollView poll)
    {
        if (poll.Status == PollStatus.Draft)
        {
            return null;
        }

        try
        {
            return await grains.GetPollInvitations(poll.PollId).GetProgress();
        }
        catch (Exception failure) when (failure is ArgumentException or InvalidOperationException or OrleansException)
        {
            logger.LogWarning(failure, "No invitation progress for poll {PollId}", poll.PollId);
            return null;
        }
    }
}
