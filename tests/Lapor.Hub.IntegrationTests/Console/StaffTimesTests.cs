using System.Globalization;
using System.Net;
using Lapor.Hub.Calendar;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tests.Console.Agency;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console;

/// <summary>
/// Deadlines read the same for the citizen in chat and for staff on the console, and the agency's "received" column
/// says when the report reached the agency.
/// </summary>
public sealed class StaffTimesTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    [Theory]
    // Due at the end of Wednesday 9 December: stored as midnight starting the 10th, in the deadline's own zone.
    [InlineData("2026-12-10T00:00:00+07:00", "WIB", "id-ID", "Rabu, 9 Des 2026, 23.59 WIB")]
    [InlineData("2026-12-10T00:00:00+07:00", "Asia/Jakarta", "en-GB", "Wednesday, 9 Dec 2026, 23.59 WIB")]
    [InlineData("2026-12-09T16:00:00+00:00", "WITA", "id-ID", "Rabu, 9 Des 2026, 23.59 WITA")]
    [InlineData("2026-12-10T15:00:00+00:00", "Asia/Jayapura", "id-ID", "Kamis, 10 Des 2026, 23.59 WIT")]
    // A moment that is not the end of a day is written as it is.
    [InlineData("2026-12-09T14:05:00+07:00", "WIB", "id-ID", "Rabu, 9 Des 2026, 14.05 WIB")]
    public void A_deadline_is_written_as_the_last_minute_of_its_last_day(string dueAt, string zone, string culture, string expected) =>
        Assert.Equal(expected, DeadlineText.Format(DateTimeOffset.Parse(dueAt, CultureInfo.InvariantCulture), zone, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public async Task Admin_and_officer_pages_write_a_deadline_the_way_the_citizen_reads_it()
    {
        var filed = await AgencyReports.FileAndForwardAsync(hub, "Tenggat terbaca sama", ConsoleHub.AgencyA);
        var report = await AgencyReports.ReadAsync(hub, filed.TrackingId);
        var followUpDue = report.GetProperty("deadlines").EnumerateArray()
            .Single(d => d.GetProperty("kind").GetString() == nameof(DeadlineKind.FollowUp)).GetProperty("dueAt").GetDateTimeOffset();
        var written = DeadlineText.Format(followUpDue, "WIB", Indonesian);
        Assert.EndsWith("23.59 WIB", written);

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, agencyPage) = await officer.GetPageAsync($"/instansi/laporan/{filed.TrackingId}");
        Assert.Contains(written, agencyPage);
        var (_, queue) = await officer.GetPageAsync("/instansi?q=" + Uri.EscapeDataString("Tenggat terbaca sama"));
        Assert.Contains(written, queue);

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (_, adminPage) = await admin.GetPageAsync($"/admin/laporan/{filed.TrackingId}");
        Assert.Contains(written, adminPage);
    }

    [Fact]
    public async Task A_forwarded_report_records_when_it_reached_the_agency()
    {
        var filed = await AgencyReports.FileAndForwardAsync(hub, "Waktu diteruskan dicatat", ConsoleHub.AgencyA);
        var forwardedAt = (await AgencyReports.ReadAsync(hub, filed.TrackingId)).GetProperty("history").EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == nameof(ReportEventKind.Forwarded)).GetProperty("at").GetDateTimeOffset();

        var page = await hub.Services.GetRequiredService<IReportQueries>()
            .ListAsync(new ReportListQuery(PublishedOnly: false, Search: "waktu diteruskan dicatat"));

        var row = Assert.Single(page.Items, r => r.TrackingId == Lapor.Hub.Tracking.TrackingId.Parse(filed.TrackingId).Value);
        Assert.Equal(forwardedAt, row.ForwardedAt);
    }

    [Fact]
    public async Task The_agency_queue_shows_when_a_report_reached_the_agency_not_when_it_was_filed()
    {
        var id = Lapor.Hub.Tracking.TrackingId.NewId().Value;
        var filedAt = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));
        var forwardedAt = new DateTimeOffset(2026, 3, 4, 10, 15, 0, TimeSpan.FromHours(7));
        await hub.Services.GetRequiredService<IReportReadModel>().UpsertAsync(new ReportIndexEntry(
            id, 3, ReportStatus.Forwarded, ConsoleHub.AgencyA, "KESEHATAN", null, null, null, "telegram", IsSecret: false,
            IsAnonymous: false, IsPublished: true, "Antrean puskesmas sangat panjang", filedAt, forwardedAt, DeadlineKind.FollowUp,
            forwardedAt.AddDays(30), IsOverdue: false, SearchText: "antrean puskesmas sangat panjang", ForwardedAt: forwardedAt));

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (status, queue) = await officer.GetPageAsync("/instansi?q=" + Uri.EscapeDataString("antrean puskesmas"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Antrean puskesmas sangat panjang", queue);
        Assert.Contains("4 Mar 2026 10.15 WIB", queue);
        Assert.DoesNotContain("2 Mar 2026 08.00 WIB", queue);
    }
}
