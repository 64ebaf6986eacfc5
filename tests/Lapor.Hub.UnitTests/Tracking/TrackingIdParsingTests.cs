using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Tracking;

public class TrackingIdParsingTests
{
    // A..K have the values 8..17 (I is skipped): 1·8 + 2·9 + … + 10·17 = 770 ≡ 26 (mod 31), and the check symbol
    // completes the weighted sum to 0 with 11·v ≡ −26, i.e. v = 14·26 mod 31 = 23, the symbol 'S'.
    private const string Valid = "ABCDEFGHJKS";

    [Theory]
    [InlineData("ABCDEFGHJKS")]
    [InlineData("abcdefghjks")]
    [InlineData("ABCD-EFGH-JKS")]
    [InlineData("abcd efgh jks")]
    [InlineData(" ab-cd efg-hjk s ")]
    [InlineData("AbCd--EfGh-jKs")]
    public void Accepts_any_case_spaces_and_dashes(string text)
    {
        Assert.True(TrackingId.TryParse(text, out var id));

        Assert.Equal(Valid, id.Value);
        Assert.Equal(Valid, id.ToString());
        Assert.Equal("ABCD-EFGH-JKS", id.ToDisplayString());
        Assert.Equal(TrackingId.Parse(Valid), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  - ")]
    [InlineData("ABCDEFGHJK")]    // 10 symbols
    [InlineData("ABCDEFGHJKS2")]  // 11 symbols
    [InlineData("ABCD_EFGH_JKS")]  // only spaces and dashes are separators
    [InlineData("ABCDEFGHJKT")]   // check symbol
    [InlineData("ABCDEFGHJK４")]  // full-width digit
    public void Refuses_anything_else(string? text) => Assert.False(TrackingId.TryParse(text, out _));

    [Theory]
    [InlineData('0')]
    [InlineData('O')]
    [InlineData('o')]
    [InlineData('1')]
    [InlineData('I')]
    [InlineData('i')]
    [InlineData('L')]
    [InlineData('l')]
    public void Refuses_look_alike_characters_instead_of_guessing(char lookAlike)
    {
        var text = lookAlike + Valid[1..];

        Assert.False(TrackingId.TryParse(text, out _));
        Assert.Contains($"'{lookAlike}' is not a tracking ID character", Assert.Throws<FormatException>(() => TrackingId.Parse(text)).Message);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("ABCD-EFGH-JK", "has 10")]
    [InlineData("ABCD-EFGH-JKS5", "has 11")]
    [InlineData("ABCD-EFGH-JKT", "check character")]
    public void Parse_says_which_rule_failed(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<FormatException>(() => TrackingId.Parse(text)).Message);

    [Fact]
    public void Parse_refuses_null() => Assert.Throws<ArgumentNullException>(() => TrackingId.Parse(null!));

    [Fact]
    public void Default_id_is_empty_rather_than_null()
    {
        var id = default(TrackingId);

        Assert.Equal("", id.Value);
        Assert.Equal("", id.ToString());
        Assert.Equal("", id.ToDisplayString());
        Assert.NotEqual(TrackingId.Parse(Valid), id);
    }
}
