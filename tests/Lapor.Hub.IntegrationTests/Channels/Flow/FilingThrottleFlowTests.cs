using Lapor.Hub.Tests.Api;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Flow;

public sealed class ThrottledTelegramHub : TelegramHub
{
    public const int FilingsPerHour = 2;

    protected override IReadOnlyList<string> MoreArguments => [$"--RateLimits:FilingsPerHour={FilingsPerHour}"];
}

/// <summary>
/// Filing through a chat obeys the same per-citizen rule as the API: a chat that has filed its hourly allowance is told,
/// in its language, how many it filed and how long to wait, and nothing more is filed; another chat is not affected.
/// </summary>
public sealed class FilingThrottleFlowTests(ThrottledTelegramHub hub) : IClassFixture<ThrottledTelegramHub>
{
    [Fact]
    public async Task A_chat_that_filed_its_hourly_allowance_is_told_to_wait_and_nothing_more_is_filed()
    {
        const long chat = 7300001;
        var updateId = 300;
        for (var i = 0; i < ThrottledTelegramHub.FilingsPerHour; i++)
        {
            var filed = await FileAsync(chat, $"Lampu penerangan jalan nomor {i} di Jl. Darmo mati sejak pekan lalu, gelap sekali", () => ++updateId, "Nomor laporan");
            Assert.Matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}", filed.Text);
        }

        var refused = await FileAsync(chat, "Lampu penerangan jalan ketiga di Jl. Darmo juga mati, mohon diperbaiki", () => ++updateId, "Anda sudah mengirim");

        Assert.Contains($"Anda sudah mengirim {ThrottledTelegramHub.FilingsPerHour} laporan dalam satu jam terakhir", refused.Text);
        Assert.Matches("coba lagi dalam [0-9]+ menit", refused.Text);
        using var listed = await hub.Operator.GetAsync("/api/reports?q=ketiga&pageSize=100");
        Assert.Equal(0, (await listed.ReadJsonAsync()).GetProperty("total").GetInt32());

        var other = await FileAsync(7300002, "Lampu penerangan jalan di Jl. Diponegoro mati sejak kemarin malam", () => ++updateId, "Nomor laporan");
        Assert.Contains("Nomor laporan", other.Text);
    }

    [Fact]
    public async Task The_api_applies_the_same_rule_to_the_browser_that_files_with_a_429_problem()
    {
        using var browser = Browser();
        var statuses = new List<System.Net.HttpStatusCode>();
        System.Net.Http.HttpResponseMessage? refused = null;
        for (var i = 0; i <= ThrottledTelegramHub.FilingsPerHour; i++)
        {
            refused?.Dispose();
            refused = await browser.PostJsonAsync("/api/reports", Report($"Trotoar rusak di depan kantor pos nomor {i}, pejalan kaki terpaksa turun ke jalan"));
            statuses.Add(refused.StatusCode);
        }

        using var neighbour = Browser();
        using var otherCitizen = await neighbour.PostJsonAsync("/api/reports", Report("Trotoar rusak di depan stasiun, pejalan kaki terpaksa turun ke jalan raya"));
        using var staff = await hub.Operator.PostJsonAsync("/api/reports", Report("Petugas mencatat laporan warga lewat telepon tentang trotoar rusak"));

        Assert.Equal([System.Net.HttpStatusCode.Created, System.Net.HttpStatusCode.Created, System.Net.HttpStatusCode.TooManyRequests], statuses);
        Assert.NotNull(refused!.Headers.RetryAfter);
        Assert.Equal("too-many-filings", (await refused.ReadJsonAsync()).GetProperty("code").GetString());
        refused.Dispose();
        Assert.Equal(System.Net.HttpStatusCode.Created, otherCitizen.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Created, staff.StatusCode);
    }

    /// <summary>A browser of its own: it keeps the hub's <c>lapor-client</c> cookie between requests.</summary>
    private HttpClient Browser() => new(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
    {
        BaseAddress = hub.Settings.BaseAddress,
    };

    private static object Report(string text) => new { text, regionCode = "35.78", reporterName = "Budi" };

    private async Task<Telegram.FakeBotApiCall> FileAsync(long chat, string text, Func<int> nextUpdate, string expectAtTheEnd)
    {
        var first = await hub.SayAsync(Text(nextUpdate(), text, chat), "?", chat);
        if (first.Text!.Contains("laporan baru", StringComparison.Ordinal))
        {
            // A chat that filed before is asked whether the message belongs to that report.
            await hub.SayAsync(CallbackQuery(nextUpdate(), $"cb-{chat}-n-{text.Length}", "new", chat), "Di mana", chat);
        }

        await hub.SayAsync(Text(nextUpdate(), "Jl. Darmo 10, Surabaya", chat), "foto", chat);
        await hub.SayAsync(CallbackQuery(nextUpdate(), $"cb-{chat}-a-{text.Length}", "skip", chat), "anonim", chat);
        await hub.SayAsync(CallbackQuery(nextUpdate(), $"cb-{chat}-b-{text.Length}", "no", chat), "dirahasiakan", chat);
        await hub.SayAsync(CallbackQuery(nextUpdate(), $"cb-{chat}-c-{text.Length}", "no", chat), "Ringkasan", chat);
        return await hub.SayAsync(CallbackQuery(nextUpdate(), $"cb-{chat}-d-{text.Length}", "submit", chat), expectAtTheEnd, chat);
    }
}
