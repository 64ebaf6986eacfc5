using Lapor.Hub.Channels.Sms.Text;

namespace Lapor.Hub.Tests.Channels.SmsText;

/// <summary>SMS parts as handsets count them: 160/153 GSM-7 septets (extension characters take two), 70/67 UCS-2 code units.</summary>
public class SmsSegmentsTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    [InlineData(459, 3)]
    [InlineData(460, 4)]
    public void Gsm7_text_takes_160_septets_alone_and_153_a_part(int length, int segments)
    {
        var measured = SmsSegments.Measure(new string('a', length));

        Assert.Equal(segments, measured.Segments);
        Assert.Equal(length, measured.Units);
        Assert.Equal(SmsEncoding.Gsm7, measured.Encoding);
    }

    [Theory]
    [InlineData(80, 1)]  // 160 septets
    [InlineData(81, 2)]  // 162
    [InlineData(152, 2)] // 304: 76 a part, since an escape and its character stay together
    [InlineData(153, 3)] // 306 septets, yet not two parts of 153
    public void Extension_characters_take_two_septets(int euros, int segments)
    {
        var measured = SmsSegments.Measure(new string('€', euros));

        Assert.Equal(SmsEncoding.Gsm7, measured.Encoding);
        Assert.Equal(euros * 2, measured.Units);
        Assert.Equal(segments, measured.Segments);
    }

    [Fact]
    public void An_extension_character_is_not_split_across_parts()
    {
        // 306 septets would fill two parts exactly, but the escape cannot end part one: the euro sign moves to part two.
        var text = new string('a', 152) + "€" + new string('a', 152);

        Assert.Equal(306, SmsSegments.Measure(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void Ucs2_text_takes_70_code_units_alone_and_67_a_part(int length, int segments)
    {
        var measured = SmsSegments.Measure(new string('ā', length));

        Assert.Equal(SmsEncoding.Ucs2, measured.Encoding);
        Assert.Equal(segments, measured.Segments);
    }

    [Fact]
    public void A_surrogate_pair_counts_two_units_and_is_not_split()
    {
        Assert.Equal(new SmsSegmentation(SmsEncoding.Ucs2, 70, 1), SmsSegments.Measure(string.Concat(Enumerable.Repeat("😀", 35))));
        Assert.Equal(2, SmsSegments.Count(string.Concat(Enumerable.Repeat("😀", 36))));

        // 134 units would fill two parts exactly, but the pair cannot straddle them.
        var text = new string('ā', 66) + "😀" + new string('ā', 66);
        Assert.Equal(134, SmsSegments.Measure(text).Units);
        Assert.Equal(3, SmsSegments.Count(text));
    }

    [Theory]
    [InlineData("Jalan rusak @ Jl. Kenjeran no. 5 [RT 03] Rp 5.000 {€}", SmsEncoding.Gsm7)]
    [InlineData("Ça, É, Ñ, ß, Ø, ¿ ¡ § à ü", SmsEncoding.Gsm7)]
    [InlineData("Jalan rusak 😀", SmsEncoding.Ucs2)]
    [InlineData("“kutipan”", SmsEncoding.Ucs2)]
    [InlineData("ça", SmsEncoding.Ucs2)]
    [InlineData("ꦗꦭꦤ꧀", SmsEncoding.Ucs2)]
    public void Gsm7_is_the_default_alphabet_and_its_extension_table(string text, SmsEncoding encoding) =>
        Assert.Equal(encoding, SmsSegments.Measure(text).Encoding);

    [Theory]
    [InlineData("“Jalan” rusak – sudah 2 minggu…", "\"Jalan\" rusak - sudah 2 minggu...")]
    [InlineData("‘Lampu’ mati — gelap", "'Lampu' mati - gelap")]
    [InlineData("• Lampu mati\u00A0total\n• Jalan gelap", "- Lampu mati total\n- Jalan gelap")]
    [InlineData("Côte, naïve, façade, São Paulo", "Cote, naive, facade, Sao Paulo")]
    [InlineData("Suhu 30°C, luas 3×4 m²", "Suhu 30oC, luas 3x4 m2")]
    [InlineData("baris\r\nbaru", "baris\nbaru")]
    [InlineData("Kafé è ü [ok]", "Kafé è ü [ok]")]
    public void Typographic_characters_become_their_gsm7_look_alikes(string text, string gsm7)
    {
        var plain = Gsm7Transliteration.ToGsm7WherePossible(text);

        Assert.Equal(gsm7, plain);
        Assert.Equal(SmsEncoding.Gsm7, SmsSegments.Measure(plain).Encoding);
    }

    [Theory]
    [InlineData("Jalan rusak 😀 – parah…")]
    [InlineData("Banjir di المدينة — tolong")]
    [InlineData("ꦗꦭꦤ꧀ “rusak”")]
    [InlineData("道路 — 坏了")]
    public void Text_that_needs_ucs2_is_left_as_written(string text) =>
        Assert.Equal(text, Gsm7Transliteration.ToGsm7WherePossible(text));
}
