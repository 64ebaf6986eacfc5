using System.Net;
using System.Text.RegularExpressions;

namespace Lapor.Hub.Tests.Console.Public;

/// <summary>/statistik on a hub of its own, so the figures come from exactly the reports filed here.</summary>
public sealed partial class StatisticsPageTests(ConsoleHub hub) : IClassFixture<ConsoleHub>
{
    [Fact]
    public async Task The_figures_match_the_reports_filed_forwarded_and_followed_up()
    {
        var followedUp = await hub.FileAsync("Obat kosong", "Stok obat di puskesmas kosong selama dua minggu.");
        var missed = await hub.FileAsync("Antrean rumah sakit", "Antrean pendaftaran rumah sakit daerah sampai lima jam.");
        var secret = await hub.FileAsync("Pungutan di rumah sakit", "Petugas meminta uang tambahan untuk kamar rawat inap.", secret: true);
        var waiting = await hub.FileAsync("Jalan berlubang", "Jalan berlubang besar di depan pasar Wonokromo.");
        await hub.FileAsync("Belum diverifikasi", "Laporan ini belum diteruskan ke instansi mana pun.");
        await hub.ForwardAsync(followedUp, "KESEHATAN", ConsoleHub.AgencyB);
        await hub.ForwardAsync(missed, "KESEHATAN", ConsoleHub.AgencyB);
        await hub.ForwardAsync(secret, "KESEHATAN", ConsoleHub.AgencyB);
        await hub.ForwardAsync(waiting, "PEKERJAAN-UMUM", ConsoleHub.AgencyA);
        await hub.FollowUpAsync(followedUp, ConsoleHub.AgencyB, "Stok obat sudah dikirim dari dinas kesehatan.");
        await hub.MarkDeadlineMissedAsync(missed, DateTimeOffset.UtcNow.AddHours(-1));

        var (status, html) = await hub.NewClient().GetPageAsync("/statistik");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new Dictionary<string, int[]> { ["Kesehatan"] = [2], ["Pekerjaan Umum dan Penataan Ruang"] = [1] }, Rows(html, "by-category"));
        Assert.Equal(new Dictionary<string, int[]> { ["Kementerian Kesehatan"] = [2], ["Pemerintah Kota Surabaya"] = [1] }, Rows(html, "by-agency"));
        // On time, late, past due, waiting: the secret report counts for its agency, the unforwarded one for nobody.
        Assert.Equal(new Dictionary<string, int[]> { ["Kementerian Kesehatan"] = [1, 0, 1, 1], ["Pemerintah Kota Surabaya"] = [0, 0, 0, 1] },
            Rows(html, "follow-up"));
        Assert.Matches("(?s)Kementerian Kesehatan</th>.*?<td class=\"num rate\">50\\s?%</td>", Table(html, "follow-up"));
        Assert.Matches("(?s)Pemerintah Kota Surabaya</th>.*?<td class=\"num rate\">belum ada</td>", Table(html, "follow-up"));
        Assert.DoesNotContain("Pungutan di rumah sakit", html);
    }

    /// <summary>Each body row of a table: its row header and the numbers of its data-value cells.</summary>
    private static Dictionary<string, int[]> Rows(string html, string tableId) =>
        RowPattern().Matches(Table(html, tableId)).ToDictionary(
            row => System.Net.WebUtility.HtmlDecode(row.Groups[1].Value),
            row => ValuePattern().Matches(row.Groups[2].Value).Select(v => int.Parse(v.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray());

    private static string Table(string html, string tableId)
    {
        var start = html.IndexOf($"<table id=\"{tableId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {tableId}");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("<tr[^>]*>\\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex("data-value=\"(\\d+)\"")]
    private static partial Regex ValuePattern();
}
