using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using static Lapor.Hub.Tests.Reports.ReportFixtures;

namespace Lapor.Hub.Tests.Reports;

/// <summary>What the query table row says about a report, derived from the report itself.</summary>
public sealed class ReportIndexEntryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_follow_up_after_the_missed_deadline_stays_late_for_the_on_time_rate(bool late)
    {
        var report = Filed(Monday);
        Forward(report, Monday.AddHours(2));
        var due = report.State.Deadlines.Single(d => d.Kind == DeadlineKind.FollowUp).DueAt;
        if (late)
        {
            Assert.Equal(DeadlineOutcome.Missed, report.OnDeadline(DeadlineKind.FollowUp, due.AddMinutes(1)));
        }

        FollowUp(report, late ? due.AddHours(3) : due.AddHours(-3));
        var row = ReportIndexEntry.From(ReportView.From(report.State));

        Assert.Equal(ReportStatus.FollowedUp, row.Status);
        Assert.False(row.IsOverdue);
        Assert.Equal(late, row.FollowUpMissed);
    }

    [Fact]
    public void Search_text_holds_the_title_and_the_whole_text_in_lower_case()
    {
        var row = ReportIndexEntry.From(ReportView.From(Filed(Monday).State));
        var submission = Submission();

        Assert.Equal($"{submission.Title} {submission.Text}".ToLowerInvariant().ReplaceLineEndings(" ").Trim(), row.SearchText);
    }
}
