using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Channels.SmsText;

/// <summary>
/// No input crashes the SMS parser, segmenter or reply fitter, and every fitted reply is at most three parts, exactly the
/// number it declares. Inputs mix keywords, tracking IDs (valid and mistyped), GSM-7 and extension characters, typographic
/// characters, emoji, other scripts, lone surrogates and any UTF-16 code unit, from empty to thousands of characters.
/// </summary>
public class SmsTextProperties
{
    [Property(Arbitrary = [typeof(SmsArbitraries)], MaxTest = 300)]
    public bool The_parser_reads_any_text(SmsText input)
    {
        var command = SmsKeywords.Parse(input.Value);
        return Enum.IsDefined(command.Kind)
               && (command.Kind != SmsCommandKind.Report || command.Text == input.Value.Trim())
               && (command.Kind != SmsCommandKind.Status || command.TrackingId is { Candidates.Count: > 0 });
    }

    [Property(MaxTest = 300)]
    public bool The_parser_reads_any_generated_string(string? text) => Enum.IsDefined(SmsKeywords.Parse(text).Kind);

    [Property(Arbitrary = [typeof(SmsArbitraries)], MaxTest = 300)]
    public bool The_segmenter_measures_any_text(SmsText input)
    {
        var measured = SmsSegments.Measure(input.Value);
        var (single, perPart) = measured.Encoding == SmsEncoding.Gsm7 ? (160, 153) : (70, 67);
        var encodingRight = (measured.Encoding == SmsEncoding.Gsm7) == Gsm7Alphabet.IsEncodable(input.Value);
        if (measured.Units <= single)
        {
            return encodingRight && measured.Segments == Math.Sign(measured.Units);
        }

        // A two-unit character never straddles parts, so a part holds its budget or one unit less.
        return encodingRight && measured.Segments >= Ceiling(measured.Units, perPart) && measured.Segments <= Ceiling(measured.Units, perPart - 1);
    }

    private static int Ceiling(int units, int perPart) => (units + perPart - 1) / perPart;

    [Property(Arbitrary = [typeof(SmsArbitraries)], MaxTest = 300)]
    public bool Transliteration_gives_gsm7_or_leaves_the_text_as_written(SmsText input)
    {
        var plain = Gsm7Transliteration.ToGsm7WherePossible(input.Value);
        return Gsm7Alphabet.IsEncodable(plain) || plain == input.Value.Replace("\r\n", "\n");
    }

    [Property(Arbitrary = [typeof(SmsArbitraries)], MaxTest = 300)]
    public void Every_fitted_reply_is_at_most_three_parts_as_declared(SmsOutbound outbound)
    {
        var reply = SmsReplyText.Compose(outbound.Message, outbound.BaseUrl);

        Assert.InRange(reply.Segments, 0, SmsReplyText.MaxSegments);
        Assert.Equal(SmsSegments.Count(reply.Text), reply.Segments);
        Assert.Equal(reply.Text, SmsReplyText.Fit(outbound.Message, outbound.BaseUrl));
    }

    [Property(Arbitrary = [typeof(SmsArbitraries)], MaxTest = 500)]
    public bool A_tracking_id_with_one_typo_is_among_its_corrections(OneTypo typo) =>
        TrackingIdCorrection.Candidates(typo.Typed).Contains(typo.Meant);
}

public sealed record SmsText(string Value)
{
    public override string ToString() => $"\"{Value}\" ({Value.Length} chars)";
}

public sealed record SmsOutbound(OutboundMessage Message, string? BaseUrl)
{
    public override string ToString() =>
        $"text \"{Message.Text}\" ({Message.Text.Length}), {Message.Choices?.Count ?? 0} choices, notice {Message.Notice?.TrackingId}, base {BaseUrl}";
}

public sealed record OneTypo(TrackingId Meant, string Typed);

public static class SmsArbitraries
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    private static readonly string[] Fragments =
    [
        "CEK ", "cek ", "BALAS ", "balas ", "REPLY ", "STOP", "berhenti", "MULAI", "INFO", "LAPORAN SAYA", "my reports",
        "K7QM-X2PD-9R7", "k7qmx2pd9r7", "K7QM X2PD 9R8", "K7QMX2PD9R", "ABCDEFGHJKS", "2345678923E",
        "jalan rusak ", "di depan pasar ", "sudah sebulan ", "Rp 5.000 ", "@", "€", "[", "]", "~", "^", "{", "}", "\\", "|",
        "“", "”", "‘", "’", "–", "—", "…", "•", "\u00A0", "\u200B", "°", "×", "é", "ç", "ô", "Ç", "ß",
        "😀", "🌊", "👍🏽", "المدينة", "ꦗꦭꦤ꧀", "道路", "\uD800", "\uDC00", "\r\n", "\n", "\t", " ", "  ", "-", ".", "?", "1", "2",
    ];

    private static Gen<string> Piece =>
        Gen.Frequency(
            (6, Gen.Elements(Fragments)),
            (3, Gen.Choose(32, 126).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0, 0xFFFF).Select(c => ((char)c).ToString())),
            (1, Gen.Choose(0, 20).Select(n => new string('a', n * 20))));

    private static Gen<string> Text =>
        Gen.Frequency(
            (3, Gen.Choose(0, 12)),
            (2, Gen.Choose(12, 150)),
            (1, Gen.Choose(150, 700)))
        .SelectMany(count => Gen.ArrayOf(Piece, count))
        .Select(string.Concat);

    public static Arbitrary<SmsText> SmsTexts() => Arb.From(Text.Select(text => new SmsText(text)));

    public static Arbitrary<SmsOutbound> SmsOutbounds()
    {
        var choices = Gen.Choose(0, 12).SelectMany(count => Gen.ArrayOf(Text.Select(label => new Choice("v", label)), count))
            .Select(array => array.Length == 0 ? null : (IReadOnlyList<Choice>)array);
        var notice = Gen.Elements<NoticeSummary?>(null, new NoticeSummary("K7QMX2PD9R7", "x", "id"), new NoticeSummary("not an id", "x", "en"));
        var baseUrl = Gen.Elements<string?>(null, "", "https://lapor.example.go.id", "https://lapor.example.go.id/", "http://x/ü😀/",
            "https://" + new string('a', 200), "https://" + new string('b', 700));
        var message = Text.SelectMany(text => choices.SelectMany(c => notice.Select(n => new OutboundMessage(text, c, Notice: n))));
        return Arb.From(message.SelectMany(m => baseUrl.Select(url => new SmsOutbound(m, url))));
    }

    /// <summary>A random tracking ID with one substitution, adjacent swap, deletion or insertion, in any case, with or without dashes.</summary>
    public static Arbitrary<OneTypo> OneTypos()
    {
        var ids = Gen.ArrayOf(Gen.Elements(Alphabet.ToCharArray()), 10).Select(payload => Complete(new string(payload)));
        var typos =
            from id in ids
            from kind in Gen.Choose(0, 3)
            from position in Gen.Choose(0, TrackingId.Length - 1)
            from symbol in Gen.Elements((Alphabet + "01ILO").ToCharArray())
            from lower in Gen.Elements(false, true)
            from dashed in Gen.Elements(false, true)
            let typed = Mistype(id.Value, kind, position, symbol)
            where typed != id.Value
            let cased = lower ? typed.ToLowerInvariant() : typed
            select new OneTypo(id, dashed && cased.Length > 8 ? cased.Insert(8, "-").Insert(4, "-") : cased);
        return Arb.From(typos);
    }

    private static string Mistype(string id, int kind, int position, char symbol) => kind switch
    {
        0 => id.Remove(position, 1).Insert(position, symbol.ToString()),
        1 when position < id.Length - 1 => id.Remove(position, 2).Insert(position, $"{id[position + 1]}{id[position]}"),
        2 => id.Remove(position, 1),
        _ => id.Insert(position, symbol.ToString()),
    };

    private static TrackingId Complete(string payload) =>
        Alphabet.Select(check => payload + check).Select(text => TrackingId.TryParse(text, out var id) ? id : (TrackingId?)null)
            .First(id => id is not null)!.Value;
}
