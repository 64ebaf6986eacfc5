using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Channels.SmsText;

/// <summary>SMS keywords in Indonesian and English, with typos, any case, extra spaces and IDs without dashes; everything else is a report.</summary>
public class SmsKeywordsTests
{
    private const string Id = "K7QMX2PD9R7";

    [Theory]
    [InlineData("CEK K7QM-X2PD-9R7", "id")]
    [InlineData("cek k7qm-x2pd-9r7", "id")]
    [InlineData("  Cek    K7QMX2PD9R7  ", "id")]
    [InlineData("CEK K7QM X2PD 9R7", "id")]
    [InlineData("CEK: K7QM-X2PD-9R7.", "id")]
    [InlineData("CEKK K7QM-X2PD-9R7", "id")]
    [InlineData("CK K7QM-X2PD-9R7", "id")]
    [InlineData("CHECK K7QM-X2PD-9R7", "en")]
    [InlineData("chek K7QMX2PD9R7", null)]
    [InlineData("chekc K7QMX2PD9R7", "en")]
    [InlineData("STATUS K7QMX2PD9R7", null)]
    [InlineData("K7QM-X2PD-9R7", null)]
    [InlineData("k7qmx2pd9r7", null)]
    [InlineData(" K7QM X2PD 9R7 ", null)]
    public void A_tracking_id_after_a_check_keyword_or_alone_asks_for_its_status(string text, string? language)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Status, command.Kind);
        Assert.Equal(TrackingId.Parse(Id), command.TrackingId!.Exact);
        Assert.Equal(language, command.Language);
    }

    [Theory]
    [InlineData("cek xfyxahbgnkt")]
    [InlineData("CEK FXYXAHBGKNT")]
    [InlineData("status fxyxahbgnk")]
    public void A_mistyped_id_of_letters_only_is_read_as_one_when_it_is_all_that_follows_the_keyword(string text)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Status, command.Kind);
        Assert.Contains(TrackingId.Parse("FXYX-AHBG-NKT"), command.TrackingId!.Candidates);
    }

    [Theory]
    [InlineData("cek kerusakannya jalan di depan pasar Wonokromo sudah sebulan")]
    [InlineData("Cek pembangunan gorong-gorong di Jl. Ahmad Yani yang terbengkalai")]
    public void A_long_word_after_cek_followed_by_more_text_stays_a_report(string text) =>
        Assert.Equal(SmsCommandKind.Report, SmsKeywords.Parse(text).Kind);

    [Theory]
    [InlineData("CEK K7QM-X2PD-9R8")]
    [InlineData("cek k7qmx2pd9r")]
    [InlineData("K7QM-X2PD-97R")]
    [InlineData("k7qm x2pd 9r7a")]
    public void A_mistyped_id_carries_its_candidates(string text)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Status, command.Kind);
        Assert.Null(command.TrackingId!.Exact);
        Assert.Contains(TrackingId.Parse(Id), command.TrackingId.Candidates);
    }

    [Theory]
    [InlineData("BALAS K7QM-X2PD-9R7 Jalan masih rusak", "Jalan masih rusak", "id")]
    [InlineData("balas k7qmx2pd9r7   jalan masih rusak", "jalan masih rusak", "id")]
    [InlineData("BALS K7QM-X2PD-9R7 Jalan masih rusak", "Jalan masih rusak", "id")]
    [InlineData("BALAS K7QM X2PD 9R7 Terima kasih\nsudah diperbaiki", "Terima kasih\nsudah diperbaiki", "id")]
    [InlineData("REPLY K7QM-X2PD-9R7 Still broken", "Still broken", "en")]
    [InlineData("reply: K7QM-X2PD-9R7 Still broken", "Still broken", "en")]
    [InlineData("BALAS K7QM-X2PD-9R7", "", "id")]
    public void A_reply_names_its_report_and_carries_the_rest(string text, string reply, string language)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Reply, command.Kind);
        Assert.Equal(TrackingId.Parse(Id), command.TrackingId!.Exact);
        Assert.Equal(reply, command.Text);
        Assert.Equal(language, command.Language);
    }

    [Fact]
    public void A_reply_without_an_id_goes_to_the_report_the_conversation_follows()
    {
        var command = SmsKeywords.Parse("BALAS terima kasih, sudah beres");

        Assert.Equal(SmsCommandKind.Reply, command.Kind);
        Assert.Null(command.TrackingId);
        Assert.Equal("terima kasih, sudah beres", command.Text);
    }

    [Theory]
    [InlineData("LAPORAN", SmsCommandKind.MyReports)]
    [InlineData("laporan saya", SmsCommandKind.MyReports)]
    [InlineData("Laporan   Saya.", SmsCommandKind.MyReports)]
    [InlineData("LAPORN SAYA", SmsCommandKind.MyReports)]
    [InlineData("my reports", SmsCommandKind.MyReports)]
    [InlineData("INFO", SmsCommandKind.Help)]
    [InlineData("info?", SmsCommandKind.Help)]
    [InlineData("BANTUAN", SmsCommandKind.Help)]
    [InlineData("bantun", SmsCommandKind.Help)]
    [InlineData("HELP", SmsCommandKind.Help)]
    [InlineData("STOP", SmsCommandKind.Stop)]
    [InlineData("stop!", SmsCommandKind.Stop)]
    [InlineData("BERHENTI", SmsCommandKind.Stop)]
    [InlineData("BERHNTI", SmsCommandKind.Stop)]
    [InlineData("berhenit", SmsCommandKind.Stop)]
    [InlineData("MULAI", SmsCommandKind.Start)]
    [InlineData("mulai", SmsCommandKind.Start)]
    [InlineData("START", SmsCommandKind.Start)]
    [InlineData("CEK", SmsCommandKind.StatusWithoutId)]
    [InlineData("check", SmsCommandKind.StatusWithoutId)]
    public void Standalone_keywords_are_recognised_with_one_typo(string text, SmsCommandKind kind) =>
        Assert.Equal(kind, SmsKeywords.Parse(text).Kind);

    [Theory]
    [InlineData("cek jalan rusak di depan pasar Wonokromo sudah sebulan")]
    [InlineData("Cek lampu jalan RT 05 RW 03 mati semua")]
    [InlineData("Stop pembuangan sampah liar di sungai Kalimas")]
    [InlineData("Info: jalan berlubang di Jl. Ahmad Yani 12")]
    [InlineData("BALS dendam tetangga, pagar saya dirusak")]
    [InlineData("Laporan jalan rusak di Jl. Kenjeran")]
    [InlineData("Mulai kemarin air PDAM tidak mengalir di Rungkut")]
    [InlineData("Sampah menumpuk di TPS Keputih")]
    [InlineData("terimakasih")]
    [InlineData("PENGADUANKU")]
    public void Ordinary_text_is_a_report(string text)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Report, command.Kind);
        Assert.Equal(text.Trim(), command.Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n ")]
    public void An_empty_message_is_an_empty_report(string? text)
    {
        var command = SmsKeywords.Parse(text);

        Assert.Equal(SmsCommandKind.Report, command.Kind);
        Assert.Equal("", command.Text);
    }

    [Theory]
    [InlineData("BALAS", "BALS", true)]
    [InlineData("BALAS", "BLAAS", true)]
    [InlineData("BALAS", "BALASS", true)]
    [InlineData("BALAS", "BALAS", true)]
    [InlineData("BERHENTI", "BERHNTI", true)]
    [InlineData("CEK", "CEKK", true)]
    [InlineData("BALAS", "BLS", false)]
    [InlineData("STOP", "SHOP!", false)]
    [InlineData("MULAI", "MALAM", false)]
    public void Typos_are_one_letter_wrong_missing_extra_or_swapped(string keyword, string typed, bool oneTypo) =>
        Assert.Equal(oneTypo, Typos.AtMostOne(keyword, typed));
}
