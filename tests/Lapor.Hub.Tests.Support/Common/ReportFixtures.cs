using Lapor.Hub.Calendar;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Reports;

/// <summary>Builds reports in each status by walking the legal path, on the project's real calendar.</summary>
internal static class ReportFixtures
{
    public static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadDirectoryOrFile(WorkingDayCalendar.DefaultDataPath);

    public static readonly DeadlinePolicy Deadlines = new(Calendar, Options.Create(new DeadlineOptions()));

    public static readonly TimeZoneInfo Wita = IndonesianTimeZones.Resolve("WITA");

    public static readonly Actor Admin = Actor.Admin("admin-1");

    public static readonly Actor Citizen = Actor.Citizen("6281234567890");

    public const string AgencyCode = "PEMKOT-7371";

    /// <summary>Monday 2026-03-09 09:00 WIB, the week before the Idul Fitri 2026 leave.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 9, 9, 0, 0, TimeSpan.FromHours(7));

    public static ReportSubmission Submission(bool secret = false) => new(
        "Jalan di depan pasar berlubang besar dan membahayakan pengendara motor.", "Jalan berlubang", null, "73.71",
        IsAnonymous: false, IsSecret: secret, "telegram", "tg:42", "Budi");

    public static Report Filed(DateTimeOffset? at = null)
    {
        var report = new Report(new ReportState(), Deadlines);
        report.File(TrackingId.NewId(), Submission(), "telegram:tg:42:" + Guid.NewGuid(), ReporterKeys.Hash("key"), at ?? Monday);
        return report;
    }

    public static Report In(ReportStatus status)
    {
        var report = Filed();
        var now = Monday.AddHours(1);
        switch (status)
        {
            case ReportStatus.Submitted:
                break;
            case ReportStatus.NeedsClarification:
                report.RequestClarification(new RequestClarification(Admin, "Di jalan apa tepatnya?"), now);
                break;
            case ReportStatus.Rejected:
                report.Reject(new RejectReport(Admin, RejectionReason.Spam), now);
                break;
            case ReportStatus.Forwarded:
                Forward(report, now);
                break;
            case ReportStatus.FollowedUp:
                Forward(report, now);
                FollowUp(report, now.AddHours(1));
                break;
            case ReportStatus.Closed:
                Forward(report, now);
                FollowUp(report, now.AddHours(1));
                report.OnDeadline(DeadlineKind.Closing, now.AddDays(60));
                break;
        }

        Assert.Equal(status, report.State.Status);
        return report;
    }

    public static void Forward(Report report, DateTimeOffset now) =>
        report.Forward(new ForwardReport(Admin, "PEKERJAAN-UMUM", AgencyCode), Wita, now);

    public static void FollowUp(Report report, DateTimeOffset now) =>
        report.PostFollowUp(new PostFollowUp(Actor.Officer("officer-1", AgencyCode), "Sudah kami tambal hari ini."), now);
}
