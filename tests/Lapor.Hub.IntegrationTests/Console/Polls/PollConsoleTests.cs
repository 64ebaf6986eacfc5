using System.Net;
using System.Text.Json;
using static Lapor.Hub.Tests.Console.Polls.PollConsoleSteps;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>The console's poll pages over real HTTP, signed in as an officer or admin, against the real poll grain.</summary>
public sealed class PollConsoleTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task An_officer_creates_previews_opens_and_closes_a_poll()
    {
        var word = UniqueWord();
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (formStatus, form) = await officer.GetPageAsync("/konsol/polling/draf");
        Assert.Equal(HttpStatusCode.OK, formStatus);
        Assert.Equal(10, CountOf(form, "name=\"Form.Options["));

        var pollId = await CreateDraftAsync(officer, DraftFields(
            $"Jam operasional taman kota {word}?",
            ["Pagi saja", "Sampai pukul 22.00 setiap hari kerja", "Buka 24 jam", "Tutup hari Senin"],
            explanation: "Pemkot menimbang jam buka baru."));

        var (status, html) = await officer.GetPageAsync($"/konsol/polling/{pollId}");
        Assert.Equal(HttpStatusCode.OK, status);
        var page = WebUtility.HtmlDecode(html);
        Assert.Contains($"Jam operasional taman kota {word}?", page);
        Assert.Contains("Draf", page);
        // Four options: WhatsApp shows a list whose row titles hold 24 characters, so the long option is cut and marked.
        Assert.Contains("WhatsApp (daftar, judul paling banyak 24 karakter)", page);
        Assert.Contains("Sampai pukul 22.00 seti…", page);
        Assert.Contains("dipotong (24)", page);
        // SMS: numbered lines, with the characters and parts counted.
        Assert.Contains("1. Pagi saja\n2. Sampai pukul 22.00 setiap hari kerja", page);
        Assert.Matches(@"\d+ karakter \(GSM-7\), 2 SMS|\d+ karakter \(GSM-7\), 1 SMS", page);
        Assert.Contains("id=\"open-poll\"", page);

        await OpenAsync(officer, pollId);
        var (_, opened) = await officer.GetPageAsync($"/konsol/polling/{pollId}");
        Assert.Contains("Dibuka", opened);
        Assert.Contains("id=\"close-poll\"", opened);
        Assert.DoesNotContain("id=\"open-poll\"", opened);

        var (_, list) = await officer.GetPageAsync("/konsol/polling");
        Assert.Contains($"/konsol/polling/{pollId}", list);

        await CloseAsync(officer, pollId);
        var (_, closed) = await officer.GetPageAsync($"/konsol/polling/{pollId}");
        Assert.Contains("Ditutup", closed);
        Assert.DoesNotContain("id=\"close-poll\"", closed);
    }

    [Fact]
    public async Task Three_options_preview_as_WhatsApp_reply_buttons_cut_at_20_characters()
    {
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var pollId = await CreateDraftAsync(admin, DraftFields(
            $"Rute bus baru {UniqueWord()}?", ["Setuju sepenuhnya dengan rute", "Tidak setuju", "Ragu"], agency: ConsoleHub.AgencyB));

        var page = WebUtility.HtmlDecode((await admin.GetPageAsync($"/konsol/polling/{pollId}")).Html);

        Assert.Contains("WhatsApp (tombol balasan, judul paling banyak 20 karakter)", page);
        Assert.Contains("Setuju sepenuhnya d…", page);
        Assert.Contains("dipotong (20)", page);
    }

    [Fact]
    public async Task Validation_errors_are_shown_next_to_the_fields_and_the_input_is_kept()
    {
        var fields = DraftFields("", ["Hanya satu pilihan"], explanation: "Penjelasan yang tetap ada");
        fields["Form.OpensAt"] = "bukan tanggal";

        var html = await PostRefusedDraftAsync(fields);

        Assert.Contains("<span id=\"question-error\" class=\"field-error\">Tulis pertanyaannya.</span>", html);
        Assert.Contains("<span id=\"options-error\" class=\"field-error\">Isi 2 sampai 10 pilihan jawaban.</span>", html);
        Assert.Contains("<span id=\"opens-error\" class=\"field-error\">Isi tanggal dan jam (WIB).</span>", html);
        Assert.Contains("value=\"Hanya satu pilihan\"", html);
        Assert.Contains("Penjelasan yang tetap ada", html);
    }

    [Fact]
    public async Task A_blank_region_a_year_one_date_and_a_huge_page_number_get_field_errors_or_an_empty_page_not_a_crash()
    {
        var fields = DraftFields($"Tanggal aneh {UniqueWord()}?", ["Ya", "Tidak"]);
        fields["Form.OpensAt"] = "0001-01-01T00:00";
        fields["Form.Audience"] = nameof(Lapor.Hub.Polls.PollAudienceKind.Regions);
        fields["Form.RegionCodes"] = "";

        var html = await PostRefusedDraftAsync(fields);

        Assert.Contains("<span id=\"opens-error\" class=\"field-error\">Isi tanggal dan jam (WIB).</span>", html);
        Assert.Contains("id=\"audience-error\"", html);

        using var page = await hub.Public.GetAsync("/api/polls?page=2147483647");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task The_poll_s_own_rules_are_shown_by_their_fields_and_the_input_is_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var question = $"Ditutup sebelum dibuka {UniqueWord()}?";
        var fields = DraftFields(question, ["Ya", "ya"], opens: now.AddDays(2), closes: now.AddDays(1));

        var html = await PostRefusedDraftAsync(fields);

        Assert.Contains("<span id=\"closes-error\" class=\"field-error\">Waktu tutup harus setelah waktu buka.</span>", html);
        Assert.Contains("<span id=\"options-error\" class=\"field-error\">Pilihan jawaban harus berbeda satu sama lain.</span>", html);
        Assert.Matches("id=\"closes\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains($"value=\"{question}\"", html);
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (_, list) = await officer.GetPageAsync("/konsol/polling");
        Assert.DoesNotContain(question, list);
    }

    [Fact]
    public async Task Another_agency_s_officer_gets_not_found_for_its_draft_edit_open_close_and_live_results()
    {
        var question = $"Draf rahasia Surabaya {UniqueWord()}?";
        using var owner = await hub.SignInAsync(ConsoleHub.OfficerA);
        var draftId = await CreateDraftAsync(owner, DraftFields(question, ["Ya", "Tidak"]));
        var openId = await CreateDraftAsync(owner, DraftFields($"Terbuka {question}", ["Ya", "Tidak"]));
        await OpenAsync(owner, openId);

        using var other = await hub.SignInAsync(ConsoleHub.OfficerB);
        foreach (var path in new[] { $"/konsol/polling/{draftId}", $"/konsol/polling/draf/{draftId}", $"/konsol/polling/{draftId}?handler=live",
                     $"/konsol/polling/{openId}", $"/konsol/polling/{openId}?handler=live" })
        {
            var (status, body) = await other.GetPageAsync(path);
            Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"GET {path} answered {(int)status}");
            Assert.DoesNotContain(question, body);
        }

        var fields = DraftFields($"Diambil alih {question}", ["Ya", "Tidak"]);
        foreach (var (id, handler) in new[] { (draftId, "open"), (draftId, "close"), (openId, "close") })
        {
            using var refused = await CommandAsync(other, id, handler, tokenPage: "/konsol/polling/draf");
            Assert.True(refused.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"POST {handler} on {id} answered {(int)refused.StatusCode}");
        }

        using (var edit = await other.PostFormAsync("/konsol/polling/draf", $"/konsol/polling/draf/{draftId}", fields))
        {
            Assert.True(edit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"POST edit answered {(int)edit.StatusCode}");
        }

        var (_, list) = await other.GetPageAsync("/konsol/polling");
        Assert.DoesNotContain(question, list);
        var (_, ownerPage) = await owner.GetPageAsync($"/konsol/polling/{draftId}");
        Assert.Contains("Draf", ownerPage);
        Assert.Contains(question, ownerPage);
        var (_, stillOpen) = await owner.GetPageAsync($"/konsol/polling/{openId}");
        Assert.Contains("id=\"close-poll\"", stillOpen);

        // An admin sees and manages every agency's polls.
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (adminStatus, adminPage) = await admin.GetPageAsync($"/konsol/polling/{draftId}");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        Assert.Contains(question, adminPage);
    }

    [Fact]
    public async Task Live_results_count_votes_by_option_channel_and_region()
    {
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var pollId = await CreateDraftAsync(officer, DraftFields($"Trotoar atau jalur sepeda {UniqueWord()}?", ["Trotoar", "Jalur sepeda"],
            audience: "Regions", regions: "35"));
        await OpenAsync(officer, pollId);
        Assert.Equal(Lapor.Hub.Polls.VoteOutcome.Counted, (await VoteAsync(hub, pollId, "phone:6281100000001", "telegram", 1, "35.78")).Outcome);
        Assert.Equal(Lapor.Hub.Polls.VoteOutcome.Counted, (await VoteAsync(hub, pollId, "chat:webchat:live-2", "webchat", 0, "35.78")).Outcome);
        Assert.Equal(Lapor.Hub.Polls.VoteOutcome.Counted, (await VoteAsync(hub, pollId, "chat:telegram:live-3", "telegram", 1, "35.15")).Outcome);

        var (status, json) = await officer.GetPageAsync($"/konsol/polling/{pollId}?handler=live");

        Assert.Equal(HttpStatusCode.OK, status);
        using var live = JsonDocument.Parse(json);
        Assert.Equal(3, live.RootElement.GetProperty("total").GetInt32());
        Assert.Equal([1, 2], live.RootElement.GetProperty("byOption").EnumerateArray().Select(e => e.GetInt32()));
        var channels = live.RootElement.GetProperty("byChannel").EnumerateArray()
            .ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("counts").EnumerateArray().Select(e => e.GetInt32()).ToArray());
        Assert.Equal([0, 2], channels["telegram"]);
        Assert.Equal([1, 0], channels["webchat"]);
        var regions = live.RootElement.GetProperty("byRegion").EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToArray();
        Assert.Contains("Kota Surabaya", regions);
        Assert.Contains("Kabupaten Sidoarjo", regions);

        var (_, page) = await officer.GetPageAsync($"/konsol/polling/{pollId}");
        Assert.Contains("id=\"live-chart\"", page);
        Assert.Contains("<caption>Suara per saluran</caption>", page);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Officer A posts the draft form; it is refused with the form shown again (200), whose HTML is returned.</summary>
    private async Task<string> PostRefusedDraftAsync(Dictionary<string, string> fields)
    {
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        using var response = await officer.PostFormAsync("/konsol/polling/draf", "/konsol/polling/draf", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
