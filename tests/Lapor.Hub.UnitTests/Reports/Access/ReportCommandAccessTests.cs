using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Reports.Commands;
using Lapor.Hub.Tracking;
using static Lapor.Hub.Tests.Reports.ReportFixtures;

namespace Lapor.Hub.Tests.Reports.Access;

/// <summary>Who may take which action, and what the one command door refuses before anything reaches the report.</summary>
public sealed class ReportCommandAccessTests
{
    private static readonly Viewer Officer = Viewer.Officer("officer-1", AgencyCode);
    private static readonly Viewer OtherOfficer = Viewer.Officer("officer-2", "KEMENKES");

    // No grain factory: every case here must be refused before a command is sent.
    private static readonly ReportCommandService Commands = new(null!);

    private static ReportView View(ReportStatus status) => ReportView.From(In(status).State);

    [Fact]
    public void An_admin_is_offered_what_the_transition_table_allows_in_the_report_s_status()
    {
        Assert.Equal(
            [ReportAction.RequestClarification, ReportAction.Forward, ReportAction.Reject, ReportAction.Reply],
            ReportAccess.ActionsNow(View(ReportStatus.Submitted), Viewer.Admin("admin-1")).Order());
        Assert.Equal(
            [ReportAction.Reject, ReportAction.Reply],
            ReportAccess.ActionsNow(View(ReportStatus.NeedsClarification), Viewer.Supervisor("sup-1")).Order());
        Assert.Empty(ReportAccess.ActionsNow(View(ReportStatus.Rejected), Viewer.OperatorKey));
    }

    [Fact]
    public void An_officer_may_only_follow_up_and_only_on_a_report_forwarded_to_their_agency()
    {
        Assert.Equal([ReportAction.PostFollowUp], ReportAccess.ActionsNow(View(ReportStatus.Forwarded), Officer));
        Assert.Empty(ReportAccess.ActionsNow(View(ReportStatus.Forwarded), OtherOfficer));
        Assert.Empty(ReportAccess.ActionsNow(View(ReportStatus.Submitted), Officer));
    }

    [Fact]
    public void The_reporter_may_reply_and_answer_but_never_decide_and_the_public_may_do_nothing()
    {
        var report = View(ReportStatus.NeedsClarification);
        Assert.Equal([ReportAction.ProvideClarification, ReportAction.Reply],
            ReportAccess.ActionsNow(report, Viewer.Reporter(report.TrackingId)).Order());
        Assert.Empty(ReportAccess.ActionsNow(report, Viewer.Public));
    }

    [Fact]
    public async Task Nobody_known_is_asked_to_sign_in_and_the_report_is_not_opened()
    {
        var opened = false;
        var result = await Commands.ReplyAsync(TrackingId.NewId(), Viewer.Public, () => { opened = true; return Task.FromResult<ReportView?>(null); },
            "Halo", commandId: null);
        Assert.Equal(CommandRefusal.SignInRequired, result.Refusal);
        Assert.False(opened);
    }

    [Fact]
    public async Task An_officer_cannot_forward_and_the_secret_report_is_not_opened_for_the_attempt()
    {
        var opened = false;
        var result = await Commands.ForwardAsync(TrackingId.NewId(), Officer,
            () => { opened = true; return Task.FromResult<ReportView?>(View(ReportStatus.Submitted)); }, "PEKERJAAN-UMUM", AgencyCode, null, null);
        Assert.Equal(CommandRefusal.NotAllowed, result.Refusal);
        Assert.False(opened);
    }

    [Fact]
    public async Task An_officer_of_another_agency_does_not_find_the_report_to_follow_up()
    {
        var report = View(ReportStatus.Forwarded);
        var result = await Commands.FollowUpAsync(TrackingId.Parse(report.TrackingId), OtherOfficer, () => Task.FromResult<ReportView?>(report),
            "Sudah ditangani.", commandId: null);
        Assert.Equal(CommandRefusal.NotFound, result.Refusal);
    }

    [Fact]
    public async Task Input_over_the_one_length_limit_is_refused_per_field_before_the_report_sees_it()
    {
        var report = View(ReportStatus.Submitted);
        var result = await Commands.AskAsync(TrackingId.Parse(report.TrackingId), Viewer.Admin("admin-1"), () => Task.FromResult<ReportView?>(report),
            new string('a', CommandLimits.MaxMessageLength + 1), commandId: null);
        Assert.Equal(CommandRefusal.Invalid, result.Refusal);
        Assert.Equal(["question"], result.Errors!.Keys);

        var missing = await Commands.FollowUpAsync(TrackingId.Parse(report.TrackingId), Viewer.Admin("admin-1"),
            () => Task.FromResult<ReportView?>(View(ReportStatus.Forwarded)), "  ", commandId: null);
        Assert.Equal(["agencyCode", "text"], missing.Errors!.Keys.Order());
    }
}
