using System.Net;
using System.Text.Json;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console.Admin;

/// <summary>The admin's decision forms take names as the page shows them and never throw away what was typed.</summary>
public sealed class AdminReportFormTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task A_category_and_agency_typed_exactly_as_displayed_are_accepted()
    {
        var id = await FileAsync("Jembatan penyeberangan di Jalan Ahmad Yani retak dan berkarat, berbahaya dilewati.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";

        var response = await admin.PostFormAsync(page, $"{page}?handler=Forward", new Dictionary<string, string>
        {
            ["category"] = "Pekerjaan Umum dan Penataan Ruang", ["agency"] = "pemerintah kota surabaya", ["formId"] = "by-name-1",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var report = await GetAsync(id);
        Assert.Equal("PEKERJAAN-UMUM", report.GetProperty("categoryCode").GetString());
        Assert.Equal(ConsoleHub.AgencyA, report.GetProperty("agencyCode").GetString());
    }

    [Fact]
    public async Task A_refused_correction_shows_again_what_the_admin_typed()
    {
        var id = await FileAsync("Parkir liar di trotoar depan rumah sakit menutup jalan ambulans.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";

        var response = await admin.PostFormAsync(page, $"{page}?handler=Forward", new Dictionary<string, string>
        {
            ["category"] = "Kategori Khayalan", ["agency"] = "Pemerintah Kota Surabaya",
            ["note"] = "Mohon ditertibkan bersama Dishub.", ["formId"] = "typo-1",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Pilih kategori dari daftar", html);
        Assert.Contains("value=\"Kategori Khayalan\"", html);
        Assert.Contains("value=\"Pemerintah Kota Surabaya\"", html);
        Assert.Contains(">Mohon ditertibkan bersama Dishub.</textarea>", html);
        Assert.Equal("Submitted", (await GetAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_refused_question_or_rejection_shows_again_what_the_admin_typed()
    {
        var id = await FileAsync("Pengumpulan sampah di perumahan kami tidak teratur sejak bulan lalu.");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var page = $"/admin/laporan/{id}";
        var question = "Di mana alamat lengkapnya? " + new string('x', 4000);

        var ask = await admin.PostFormAsync(page, $"{page}?handler=Clarify",
            new Dictionary<string, string> { ["question"] = question, ["formId"] = "long-1" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ask.StatusCode);
        Assert.Contains($">{question}</textarea>", await ask.Content.ReadAsStringAsync());

        var reject = await admin.PostFormAsync(page, $"{page}?handler=Reject", new Dictionary<string, string>
        {
            ["reason"] = "Duplicate", ["duplicateOf"] = "BUKAN-NOMOR", ["explanation"] = "Sudah dilaporkan tetangga.", ["formId"] = "dup-1",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reject.StatusCode);
        var html = await reject.Content.ReadAsStringAsync();
        Assert.Contains("value=\"BUKAN-NOMOR\"", html);
        Assert.Contains(">Sudah dilaporkan tetangga.</textarea>", html);
        Assert.Matches("id=\"reject-duplicate\"[^>]*checked=\"checked\"", html);
        Assert.Equal("Submitted", (await GetAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_reporter_is_named_by_channel_and_name_in_the_page_language_and_only_admins_see_the_address()
    {
        // Filed as Siti's Telegram conversation tg:1001 files it (the API carries no chat address).
        var (id, _) = await hub.FileFromChatAsync("tg:1001", "Pipa PDAM bocor di perempatan, air terbuang sejak tiga hari.", "Pipa bocor", "Siti");
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);

        var (_, indonesian) = await admin.GetPageAsync($"/admin/laporan/{id}");
        Assert.Contains("Warga via Telegram (Siti)", indonesian);
        Assert.DoesNotContain("Citizen tg:1001", indonesian);
        Assert.Contains("tg:1001", indonesian);

        var (_, english) = await admin.GetPageAsync($"/admin/laporan/{id}?culture=en");
        Assert.Contains("Citizen via Telegram (Siti)", english);
        Assert.DoesNotContain("Warga via", english);
    }

    private async Task<string> FileAsync(string text)
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report(text));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("trackingId").GetString()!;
    }

    private async Task<JsonElement> GetAsync(string id)
    {
        using var response = await hub.Operator.GetAsync($"/api/reports/{id}");
        return await response.ReadJsonAsync();
    }
}
