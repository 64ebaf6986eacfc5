using Lapor.Hub.Reports;
using static Lapor.Hub.Tests.Reports.ReportFixtures;

namespace Lapor.Hub.Tests.Reports;

/// <summary>Every action tried in every status: legal ones succeed, illegal ones are refused and change nothing.</summary>
public sealed class ReportTransitionTests
{
    public enum Attempt { RequestClarification, Forward, Reject, PostFollowUp, CitizenReply, AdminReply }

    // The lifecycle as the LAPOR! rules describe it, written out independently of ReportTransitions.
    private static readonly Dictionary<(ReportStatus, Attempt), ReportStatus> Legal = new()
    {
        [(ReportStatus.Submitted, Attempt.RequestClarification)] = ReportStatus.NeedsClarification,
        [(ReportStatus.Submitted, Attempt.Forward)] = ReportStatus.Forwarded,
        [(ReportStatus.Submitted, Attempt.Reject)] = ReportStatus.Rejected,
        [(ReportStatus.Submitted, Attempt.CitizenReply)] = ReportStatus.Submitted,
        [(ReportStatus.Submitted, Attempt.AdminReply)] = ReportStatus.Submitted,
        [(ReportStatus.NeedsClarification, Attempt.Reject)] = ReportStatus.Rejected,
        [(ReportStatus.NeedsClarification, Attempt.CitizenReply)] = ReportStatus.Submitted,
        [(ReportStatus.NeedsClarification, Attempt.AdminReply)] = ReportStatus.NeedsClarification,
        [(ReportStatus.Forwarded, Attempt.PostFollowUp)] = ReportStatus.FollowedUp,
        [(ReportStatus.Forwarded, Attempt.CitizenReply)] = ReportStatus.Forwarded,
        [(ReportStatus.Forwarded, Attempt.AdminReply)] = ReportStatus.Forwarded,
        [(ReportStatus.FollowedUp, Attempt.PostFollowUp)] = ReportStatus.FollowedUp,
        [(ReportStatus.FollowedUp, Attempt.CitizenReply)] = ReportStatus.FollowedUp,
        [(ReportStatus.FollowedUp, Attempt.AdminReply)] = ReportStatus.FollowedUp,
    };

    public static TheoryData<ReportStatus, Attempt> EveryPair()
    {
        var data = new TheoryData<ReportStatus, Attempt>();
        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            foreach (var attempt in Enum.GetValues<Attempt>())
            {
                data.Add(status, attempt);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Action_is_applied_exactly_when_the_lifecycle_allows_it(ReportStatus from, Attempt attempt)
    {
        var report = In(from);
        var version = report.State.Version;
        var historyLength = report.State.History.Count;

        if (Legal.TryGetValue((from, attempt), out var expected))
        {
            Try(report, attempt);
            Assert.Equal(expected, report.State.Status);
            Assert.Equal(version + 1, report.State.Version);
            Assert.Equal(historyLength + 1, report.State.History.Count);
            Assert.Equal(expected, report.State.History[^1].StatusAfter);
        }
        else
        {
            var refused = Assert.Throws<ReportRuleViolation>(() => Try(report, attempt));
            Assert.Equal(ReportRuleViolation.IllegalTransition, refused.Code);
            Assert.Contains(from.ToString(), refused.Message);
            Assert.Equal(from, report.State.Status);
            Assert.Equal(version, report.State.Version);
            Assert.Equal(historyLength, report.State.History.Count);
        }
    }

    [Theory]
    [InlineData(ReportStatus.Submitted)]
    [InlineData(ReportStatus.Forwarded)]
    public void Wrong_actor_is_refused(ReportStatus from)
    {
        var report = In(from);
        var officer = Actor.Officer("o", AgencyCode);
        Assert.Throws<ReportRuleViolation>(() => report.RequestClarification(new RequestClarification(officer, "?"), Monday));
        Assert.Throws<ReportRuleViolation>(() => report.Reply(new PostReply(officer, "halo"), Monday));
        Assert.Equal(from, report.State.Status);
    }

    [Fact]
    public void Another_agency_cannot_post_a_follow_up()
    {
        var report = In(ReportStatus.Forwarded);
        var refused = Assert.Throws<ReportRuleViolation>(() =>
            report.PostFollowUp(new PostFollowUp(Actor.Officer("o", "KEMENKES"), "Bukan urusan kami"), Monday.AddDays(1)));
        Assert.Equal(ReportRuleViolation.WrongAgency, refused.Code);
        Assert.Equal(ReportStatus.Forwarded, report.State.Status);
    }

    [Fact]
    public void A_duplicate_must_name_another_valid_tracking_id()
    {
        var report = In(ReportStatus.Submitted);
        Assert.Throws<ReportRuleViolation>(() => report.Reject(new RejectReport(Admin, RejectionReason.Duplicate), Monday));
        Assert.Throws<ReportRuleViolation>(() => report.Reject(new RejectReport(Admin, RejectionReason.Duplicate, DuplicateOf: "ABCD-EFGH-JKT"), Monday));
        Assert.Throws<ReportRuleViolation>(() => report.Reject(new RejectReport(Admin, RejectionReason.Duplicate, DuplicateOf: report.TrackingId), Monday));

        var original = Lapor.Hub.Tracking.TrackingId.NewId();
        report.Reject(new RejectReport(Admin, RejectionReason.Duplicate, DuplicateOf: original.ToDisplayString().ToLowerInvariant()), Monday);
        Assert.Equal(original.Value, report.State.History[^1].DuplicateOf);
    }

    [Fact]
    public void Filing_twice_is_refused()
    {
        var report = Filed();
        var refused = Assert.Throws<ReportRuleViolation>(() =>
            report.File(Lapor.Hub.Tracking.TrackingId.NewId(), Submission(), "again", "hash", Monday));
        Assert.Equal(ReportRuleViolation.AlreadyFiled, refused.Code);
    }

    [Fact]
    public void A_retried_command_is_recognised_by_its_id()
    {
        var report = In(ReportStatus.Forwarded);
        var command = new PostReply(Citizen, "Kapan diperbaiki?", CommandId: "tg:update:77");
        Assert.False(report.HasHandled(command));
        report.Reply(command, Monday.AddDays(1));
        Assert.True(report.HasHandled(command));
        Assert.False(report.HasHandled(command with { CommandId = "tg:update:78" }));
    }

    private static void Try(Report report, Attempt attempt)
    {
        var now = Monday.AddDays(1);
        switch (attempt)
        {
            case Attempt.RequestClarification:
                report.RequestClarification(new RequestClarification(Admin, "Mohon sebutkan nama jalannya."), now);
                break;
            case Attempt.Forward:
                Forward(report, now);
                break;
            case Attempt.Reject:
                report.Reject(new RejectReport(Admin, RejectionReason.OutOfScope, "Bukan layanan publik"), now);
                break;
            case Attempt.PostFollowUp:
                FollowUp(report, now);
                break;
            case Attempt.CitizenReply:
                report.Reply(new PostReply(Citizen, "Jalan Pettarani dekat pasar."), now);
                break;
            case Attempt.AdminReply:
                report.Reply(new PostReply(Admin, "Terima kasih, sedang kami proses."), now);
                break;
        }
    }
}
