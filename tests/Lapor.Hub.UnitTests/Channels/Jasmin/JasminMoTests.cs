using System.Text;
using Lapor.Hub.Channels.Sms.Jasmin;

namespace Lapor.Hub.Tests.Channels.Jasmin;

public sealed class JasminMoTests
{
    private static Dictionary<string, string> Fields(byte[] shortMessage, int? coding = 0, string from = "6281234567890")
    {
        var fields = new Dictionary<string, string>
        {
            ["id"] = "16fd2706-8baf-433b-82eb-8c7fada847da",
            ["from"] = from,
            ["to"] = "1708",
            ["origin-connector"] = "smsc",
            ["content"] = Encoding.Latin1.GetString(shortMessage),
            ["binary"] = Convert.ToHexStringLower(shortMessage),
        };
        if (coding is { } value)
        {
            fields["coding"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return fields;
    }

    [Theory]
    [InlineData("081234567890")]
    [InlineData("+6281234567890")]
    [InlineData("6281234567890")]
    public void The_sender_is_kept_as_e164_digits(string from)
    {
        var mo = JasminMo.Parse(Fields("Halo"u8.ToArray(), from: from), out _);

        Assert.Equal("6281234567890", mo!.FromDigits);
    }

    [Fact]
    public void Ucs2_is_read_from_the_hexlified_binary_not_from_the_raw_content()
    {
        const string text = "Banjir di Jl. Darmo 🙏 ꦱꦸꦫꦧꦪ";
        var fields = Fields(Encoding.BigEndianUnicode.GetBytes(text), coding: 8);
        fields["content"] = "\uFFFD\uFFFD garbled by form decoding";

        Assert.Equal(text, JasminMo.Parse(fields, out _)!.Text);
    }

    [Fact]
    public void The_default_alphabet_is_decoded_as_gsm_03_38_with_its_extension_table()
    {
        // "@" is 0x00, "£" 0x01, "_" 0x11, "€" is ESC 0x65 and "[" ESC 0x3C in GSM 03.38.
        byte[] septets = [0x00, 0x01, 0x20, 0x11, 0x20, 0x1B, 0x65, 0x1B, 0x3C, .. "ok"u8];

        Assert.Equal("@£ _ €[ok", JasminMo.Parse(Fields(septets), out _)!.Text);
        Assert.Equal("Halo", JasminMo.Parse(Fields("Halo"u8.ToArray(), coding: null), out _)!.Text);
    }

    [Fact]
    public void Latin1_bytes_in_the_default_coding_are_read_as_latin1()
    {
        var bytes = Encoding.Latin1.GetBytes("café à 10€?".Replace("€", "E"));

        Assert.Equal("café à 10E?", JasminMo.Parse(Fields(bytes, coding: 0), out _)!.Text);
        Assert.Equal("café à 10E?", JasminMo.Parse(Fields(bytes, coding: 3), out _)!.Text);
    }

    [Fact]
    public void Binary_data_is_no_text()
    {
        var mo = JasminMo.Parse(Fields([0x01, 0x02, 0xFF], coding: 4), out var problem);

        Assert.NotNull(mo);
        Assert.Null(problem);
        Assert.Null(mo.Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x2A, 0x03, 0x02 }, 0x2A, 3, 2)]
    [InlineData(new byte[] { 0x06, 0x08, 0x04, 0x01, 0x02, 0x02, 0x01 }, 0x0102, 2, 1)]
    public void A_part_with_a_concatenation_header_is_recognised_and_its_header_dropped(byte[] header, int reference, int total, int sequence)
    {
        var mo = JasminMo.Parse(Fields([.. header, .. "Pohon tumbang"u8]), out _);

        Assert.Equal(new ConcatenatedPart(reference, total, sequence), mo!.Part);
        Assert.Equal("Pohon tumbang", mo.Text);
    }

    [Theory]
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x2A, 0x02, 0x03 })] // part 3 of 2
    [InlineData(new byte[] { 0x05, 0x00, 0x03, 0x2A, 0x00, 0x00 })]
    public void An_impossible_concatenation_header_is_not_a_part(byte[] header) =>
        Assert.Null(JasminMo.Parse(Fields([.. header, .. "x"u8]), out _)!.Part);

    [Theory]
    [InlineData("id", "", "no id")]
    [InlineData("from", "Jasmin", "from is not a phone number")]
    [InlineData("binary", "4g", "binary is not hexadecimal")]
    [InlineData("binary", "486", "binary is not hexadecimal")]
    [InlineData("coding", "-1", "coding is not a number")]
    public void Fields_that_are_not_an_sms_mo_are_refused_with_the_reason(string field, string value, string reason)
    {
        var fields = Fields("Halo"u8.ToArray());
        fields[field] = value;

        Assert.Null(JasminMo.Parse(fields, out var problem));
        Assert.Equal(reason, problem);
    }
}
