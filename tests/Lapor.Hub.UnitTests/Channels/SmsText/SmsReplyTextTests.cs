using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;

namespace Lapor.Hub.Tests.Channels.SmsText;

/// <summary>An outbound message as one SMS: numbered choices, GSM-7 where possible, at most three parts, else shortened with the tracking link.</summary>
public class SmsReplyTextTests
{
    private const string BaseUrl = "https://lapor.example.go.id";
    private const string TrackingId = "K7QMX2PD9R7";

    private static readonly string LongFollowUp = string.Join(' ', Enumerable.Repeat(
        "Tindak lanjut dari Dinas Sumber Daya Air dan Bina Marga: lubang sudah ditambal dan marka jalan dicat ulang.", 8));

    [Fact]
    public void Choices_become_numbered_lines()
    {
        var message = new OutboundMessage("Kirim laporan sebagai anonim?", [new Choice("yes", "Ya"), new Choice("no", "Tidak")]);

        Assert.Equal("Kirim laporan sebagai anonim?\n1. Ya\n2. Tidak", SmsReplyText.Fit(message, BaseUrl));
    }

    [Fact]
    public void A_short_text_is_sent_as_it_is_in_gsm7()
    {
        var reply = SmsReplyText.Compose(new OutboundMessage("Laporan K7QM-X2PD-9R7 — diteruskan ke instansi"), BaseUrl);

        Assert.Equal("Laporan K7QM-X2PD-9R7 - diteruskan ke instansi", reply.Text);
        Assert.Equal(new SmsSegmentation(SmsEncoding.Gsm7, reply.Text.Length, 1), reply.Segmentation);
    }

    [Fact]
    public void Curly_quotes_do_not_force_ucs2_and_thrice_the_parts()
    {
        var text = "Admin bertanya: “" + new string('x', 150) + "” mohon dijawab…";

        var reply = SmsReplyText.Compose(new OutboundMessage(text), BaseUrl);

        Assert.Equal(SmsEncoding.Gsm7, reply.Segmentation.Encoding);
        Assert.Equal(2, reply.Segments);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Fact]
    public void News_longer_than_three_parts_is_cut_at_a_word_and_links_the_tracking_page()
    {
        var message = new OutboundMessage(LongFollowUp, Notice: new NoticeSummary(TrackingId, "Tindak lanjut", "id"));

        var reply = SmsReplyText.Compose(message, BaseUrl + "/");

        Assert.True(SmsSegments.Count(LongFollowUp) > 3);
        Assert.Equal(3, reply.Segments);
        Assert.Equal(SmsEncoding.Gsm7, reply.Segmentation.Encoding);
        const string ending = "...\n" + BaseUrl + "/lacak?id=" + TrackingId;
        Assert.EndsWith(ending, reply.Text);
        var kept = reply.Text[..^ending.Length];
        Assert.StartsWith(kept, LongFollowUp);
        Assert.True(char.IsWhiteSpace(LongFollowUp[kept.Length]), $"cut inside a word: '{kept[^10..]}'");
        Assert.True(kept.Length > 300, "the cut keeps as much of the text as the three parts hold");
    }

    [Fact]
    public void Without_a_notice_or_a_base_url_a_long_text_just_ends_with_an_ellipsis()
    {
        foreach (var (message, baseUrl) in new[]
                 {
                     (new OutboundMessage(LongFollowUp), BaseUrl),
                     (new OutboundMessage(LongFollowUp, Notice: new NoticeSummary(TrackingId, "x", "id")), (string?)null),
                 })
        {
            var reply = SmsReplyText.Compose(message, baseUrl);

            Assert.EndsWith("...", reply.Text);
            Assert.DoesNotContain("lacak", reply.Text);
            Assert.Equal(3, reply.Segments);
        }
    }

    [Fact]
    public void Text_that_needs_ucs2_is_shortened_in_ucs2_without_splitting_an_emoji()
    {
        var text = string.Concat(Enumerable.Repeat("Banjir 🌊 di Rungkut ", 30));
        var message = new OutboundMessage(text, Notice: new NoticeSummary(TrackingId, "x", "id"));

        var reply = SmsReplyText.Compose(message, BaseUrl);

        Assert.Equal(SmsEncoding.Ucs2, reply.Segmentation.Encoding);
        Assert.InRange(reply.Segments, 1, 3);
        Assert.EndsWith("/lacak?id=" + TrackingId, reply.Text);
        Assert.False(HasLoneSurrogate(reply.Text), "an emoji was cut in half");
    }

    private static bool HasLoneSurrogate(string text) =>
        text.Where((c, i) => char.IsHighSurrogate(c) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
            : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]))).Any();

    [Fact]
    public void A_base_url_too_long_for_three_parts_is_left_out()
    {
        var message = new OutboundMessage(LongFollowUp, Notice: new NoticeSummary(TrackingId, "x", "id"));

        var reply = SmsReplyText.Compose(message, "https://" + new string('a', 600) + ".id");

        Assert.EndsWith("...", reply.Text);
        Assert.Equal(3, reply.Segments);
    }
}
