using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Tracking;

public class TrackingIdErrorDetectionTests
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private const int SampleSize = 200;

    [Fact]
    public void Every_single_mistyped_character_is_caught()
    {
        var rejected = 0;
        for (var sample = 0; sample < SampleSize; sample++)
        {
            var symbols = TrackingId.NewId().Value.ToCharArray();
            for (var position = 0; position < TrackingId.Length; position++)
            {
                var original = symbols[position];
                foreach (var typo in Alphabet.Where(symbol => symbol != original))
                {
                    symbols[position] = typo;
                    Assert.False(TrackingId.TryParse(new string(symbols), out _), new string(symbols));
                    rejected++;
                }
                symbols[position] = original;
            }
        }

        Assert.Equal(SampleSize * TrackingId.Length * (Alphabet.Length - 1), rejected);
    }

    [Fact]
    public void Every_swap_of_two_different_adjacent_characters_is_caught()
    {
        for (var sample = 0; sample < SampleSize; sample++)
        {
            var value = TrackingId.NewId().Value;
            for (var position = 0; position < TrackingId.Length - 1; position++)
            {
                if (value[position] == value[position + 1])
                    continue;
                var symbols = value.ToCharArray();
                (symbols[position], symbols[position + 1]) = (symbols[position + 1], symbols[position]);
                Assert.False(TrackingId.TryParse(new string(symbols), out _), new string(symbols));
            }
        }
    }

    [Theory]
    [InlineData("ABCDEFGHJKT")] // last symbol mistyped
    [InlineData("ABCDEFHGJKS")] // G and H swapped
    [InlineData("BACDEFGHJKS")] // A and B swapped
    [InlineData("SKJHGFEDCBA")] // reversed
    public void Known_typos_of_a_valid_id_are_caught(string typo)
    {
        Assert.True(TrackingId.TryParse("ABCDEFGHJKS", out _));

        Assert.Contains("check character", Assert.Throws<FormatException>(() => TrackingId.Parse(typo)).Message);
    }
}
