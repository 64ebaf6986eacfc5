using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Tracking;

public class TrackingIdGenerationTests
{
    private const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    [Fact]
    public void A_million_new_ids_are_practically_unique_and_all_parse_back()
    {
        const int count = 1_000_000;
        var seen = new HashSet<TrackingId>(count);
        var duplicates = 0;
        for (var i = 0; i < count; i++)
        {
            var id = TrackingId.NewId();
            if (!seen.Add(id))
                duplicates++;
            if (!TrackingId.TryParse(id.Value, out var parsed) || parsed != id)
                Assert.Fail($"{id} does not parse back.");
        }

        // 31^10 ≈ 8.2e14 payloads: the birthday bound expects 0.0006 duplicates among a million IDs; two or more have
        // odds of about 2e-7, so they would mean a weak random source (filing draws again on the rare single collision).
        Assert.InRange(duplicates, 0, 1);
    }

    [Fact]
    public void New_ids_are_eleven_upper_case_symbols_from_the_alphabet()
    {
        for (var i = 0; i < 10_000; i++)
            Assert.Matches("^[2-9A-HJKMNP-Z]{11}$", TrackingId.NewId().Value);
    }

    [Fact]
    public void Payload_symbols_are_uniform_and_not_sequential()
    {
        const int count = 100_000;
        const int payloadLength = TrackingId.Length - 1;
        var occurrences = new int[payloadLength, Alphabet.Length];
        for (var i = 0; i < count; i++)
        {
            var value = TrackingId.NewId().Value;
            for (var position = 0; position < payloadLength; position++)
                occurrences[position, Alphabet.IndexOf(value[position])]++;
        }

        // Chi-square with 30 degrees of freedom: a uniform source lands in [5, 90] except with odds below 1e-7.
        // Too low means too even, as the last digit of a counter would be; too high means biased or a counter's first digit.
        var expected = count / (double)Alphabet.Length;
        for (var position = 0; position < payloadLength; position++)
        {
            var chiSquare = 0.0;
            for (var symbol = 0; symbol < Alphabet.Length; symbol++)
                chiSquare += Math.Pow(occurrences[position, symbol] - expected, 2) / expected;
            Assert.InRange(chiSquare, 5, 90);
        }
    }
}
