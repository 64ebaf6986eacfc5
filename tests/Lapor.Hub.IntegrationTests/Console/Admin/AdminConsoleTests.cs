using System.Net;
using System.Text.Json;
using Lapor.Hub.Routing;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Admin;

public sealed class AdminConsoleTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task The_queue_lists_waiting_reports_nearest_deadline_first_and_not_forwarded_ones()
    {
        var first = await FileAsync("Jalan berlubang besar di depan pasar, sudah tiga bulan tidak diperbaiki.");
        var second = await FileAsync("Lampu penerangan jalan mati di seluruh gang sejak seminggu lalu.");
        var forwarded = await FileAsync("Saluran air tersumbat sampah menyebabkan banjir setiap hujan deras.");
        await ForwardAsync(forwarded, "LINGKUNGAN-KEHUTANAN", ConsoleHub.AgencyA);

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (status, html) = await admin.GetPageAsync("/admin?p=1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(first, html);
        Assert.Contains(second, html);
        Assert.DoesNotContain(forwarded, html);
        Assert.True(html.IndexOf(first, StringComparison.Ordinal) < html.IndexOf(second, StringComparison.Ordinal),
            "The report filed first is due first and must be listed first.");
    }

    [Fact]
    public async Task One_click_confirms_the_suggestion_forwards_and_records_a_labelled_example()
    {
        var id = await FileAsync("Puskesmas menolak pasien BPJS dan meminta bayaran di muka, obat juga sering kosong.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";
        var (_, html) = await admin.GetPageAsync(page);
        var category = HiddenValue(html, "confirm-form", "category");
        var agency = HiddenValue(html, "confirm-form", "agency");

        var response = await admin.PostFormAsync(page, $"{page}?handler=Confirm",
            new Dictionary<string, string> { ["category"] = category, ["agency"] = agency, ["formId"] = "confirm-1" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var report = await GetAsync(id);
        Assert.Equal("Forwarded", report.GetProperty("status").GetString());
        Assert.Equal(category, report.GetProperty("categoryCode").GetString());
        Assert.Equal(agency, report.GetProperty("agencyCode").GetString());
        var forwardedBy = report.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "Forwarded");
        Assert.Equal(ConsoleHub.Admin, forwardedBy.GetProperty("actor").GetProperty("id").GetString());

        var examples = await hub.Services.GetRequiredService<IRoutingFeedbackStore>().ReadAllAsync();
        var example = Assert.Single(examples, e => e.TrackingId == Canonical(id));
        Assert.Equal(category, example.CategoryCode);
        Assert.Equal(agency, example.AgencyCode);
        Assert.Equal(category, example.SuggestedCategory);
    }

    [Fact]
    public async Task A_correction_forwards_to_the_chosen_agency_and_a_double_submit_acts_once()
    {
        var id = await FileAsync("Pungutan liar saat mengurus KTP di kelurahan, petugas minta uang rokok.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";
        var fields = new Dictionary<string, string>
        {
            ["category"] = "KEPENDUDUKAN", ["agency"] = $"{ConsoleHub.AgencyA} — Pemerintah Kota Surabaya", ["formId"] = "fix-1",
        };

        // A double click sends the same form, token and form ID twice.
        var token = ConsoleClient.AntiforgeryToken((await admin.GetPageAsync(page)).Html);
        var first = await admin.PostFormWithTokenAsync($"{page}?handler=Forward", fields, token);
        var again = await admin.PostFormWithTokenAsync($"{page}?handler=Forward", fields, token);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.NotEqual(HttpStatusCode.InternalServerError, again.StatusCode);

        var report = await GetAsync(id);
        Assert.Equal(ConsoleHub.AgencyA, report.GetProperty("agencyCode").GetString());
        Assert.Single(report.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Forwarded");
    }

    [Fact]
    public async Task An_unknown_agency_is_refused_on_the_page_and_changes_nothing()
    {
        var id = await FileAsync("Bantuan sosial tidak sampai ke warga yang berhak di RT kami.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";
        var response = await admin.PostFormAsync(page, $"{page}?handler=Forward",
            new Dictionary<string, string> { ["category"] = "SOSIAL-KESEJAHTERAAN", ["agency"] = "DINAS-KHAYALAN", ["formId"] = "bad-1" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Pilih instansi dari daftar.", await response.Content.ReadAsStringAsync());
        Assert.Equal("Submitted", (await GetAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Asking_for_clarification_and_rejecting_as_a_duplicate_work_from_the_page()
    {
        var original = await FileAsync("Trotoar rusak parah di jalan utama, membahayakan pejalan kaki.");
        var unclear = await FileAsync("Tolong diperbaiki segera ya pak, sudah lama sekali begini terus.");
        var duplicate = await FileAsync("Trotoar rusak parah di jalan utama, membahayakan pejalan kaki!!");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);

        var ask = await admin.PostFormAsync($"/admin/laporan/{unclear}", $"/admin/laporan/{unclear}?handler=Clarify",
            new Dictionary<string, string> { ["question"] = "Di mana lokasi persisnya dan apa yang perlu diperbaiki?", ["formId"] = "ask-1" });
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Equal("NeedsClarification", (await GetAsync(unclear)).GetProperty("status").GetString());

        var reject = await admin.PostFormAsync($"/admin/laporan/{duplicate}", $"/admin/laporan/{duplicate}?handler=Reject",
            new Dictionary<string, string> { ["reason"] = "Duplicate", ["duplicateOf"] = original.ToLowerInvariant(), ["formId"] = "dup-1" });
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        var rejected = await GetAsync(duplicate);
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.Contains(rejected.GetProperty("history").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "Rejected" && e.GetProperty("duplicateOf").GetString() == Canonical(original));
    }

    [Fact]
    public async Task Opening_a_secret_report_is_recorded_in_the_audit_log_that_admins_read()
    {
        var id = await FileAsync("Kepala sekolah meminta pungutan untuk kelulusan, saya takut identitas saya diketahui.", secret: true);
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (status, _) = await admin.GetPageAsync($"/admin/laporan/{id}");
        Assert.Equal(HttpStatusCode.OK, status);

        var (_, audit) = await admin.GetPageAsync($"/admin/audit?report={id}");
        Assert.Contains(id, audit);
        Assert.Contains(ConsoleHub.Admin, audit);
        Assert.Contains($"GET /admin/laporan/{id}", audit);
    }

    [Theory]
    [InlineData(null, "/masuk")]
    [InlineData(ConsoleHub.OfficerA, "/akses-ditolak")]
    public async Task Only_admins_open_the_queue(string? userName, string redirectedTo)
    {
        using var client = userName is null ? hub.NewClient() : await hub.SignInAsync(userName);
        using var response = await client.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(redirectedTo, response.Headers.Location!.AbsolutePath);
    }

    private async Task<string> FileAsync(string text, bool secret = false)
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(text, secret: secret));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("trackingId").GetString()!;
    }

    private async Task ForwardAsync(string id, string category, string agency)
    {
        using var response = await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = category, agencyCode = agency });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await hub.Operator.GetAsync($"/api/reports/{id}");
        return await response.ReadJsonAsync();
    }

    private static string Canonical(string display) => display.Replace("-", "", StringComparison.Ordinal);

    private static string HiddenValue(string html, string formId, string name)
    {
        var form = html[html.IndexOf($"id=\"{formId}\"", StringComparison.Ordinal)..];
        var marker = $"name=\"{name}\" value=\"";
        var start = form.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        return WebUtility.HtmlDecode(form[start..form.IndexOf('"', start)]);
    }
}
