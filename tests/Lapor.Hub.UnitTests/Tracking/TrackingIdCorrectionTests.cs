using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Tracking;

/// <summary>A mistyped tracking ID yields the IDs one typo away, among them the one the citizen meant; nothing else is guessed.</summary>
public class TrackingIdCorrectionTests
{
    private const string Meant = "K7QMX2PD9R7";

    [Theory]
    [InlineData("K7QMX2PD9R8", "substituted check symbol")]
    [InlineData("K7QNX2PD9R7", "substituted symbol")]
    [InlineData("K7QM-X2PD-9R8", "with dashes")]
    [InlineData("k7qm x2pd 9r8", "lower case, spaces")]
    [InlineData("K7QM--X2 PD-9R8", "extra dashes and spaces")]
    [InlineData("7KQMX2PD9R7", "adjacent swap at the start")]
    [InlineData("K7QMX2PD97R", "adjacent swap at the end")]
    [InlineData("K7QMX2D9R7", "one symbol missing")]
    [InlineData("K7QMX2PPD9R7", "one symbol extra")]
    [InlineData("K7QMX2PD9R7A", "one symbol extra at the end")]
    [InlineData("K7QM0X2PD9R7", "an extra look-alike")]
    [InlineData("K7QMX2PD9RO", "a look-alike substituted")]
    [InlineData("K7QMX2PDIR7", "a look-alike I for 9")]
    public void The_meant_id_is_among_the_candidates(string typed, string typo)
    {
        var candidates = TrackingIdCorrection.Candidates(typed);

        Assert.True(candidates.Contains(TrackingId.Parse(Meant)), $"{typo}: {string.Join(", ", candidates)}");
        Assert.All(candidates, candidate => Assert.True(TrackingId.TryParse(candidate.Value, out _)));
        Assert.InRange(candidates.Count, 1, 24);
    }

    [Fact]
    public void A_valid_id_is_its_only_candidate() =>
        Assert.Equal([TrackingId.Parse(Meant)], TrackingIdCorrection.Candidates("k7qm-x2pd-9r7"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("K7QMX2PD9")]         // two missing
    [InlineData("K7QMX2PD9R7AB")]     // two extra
    [InlineData("K7QM_X2PD_9R8")]     // not a separator
    [InlineData("K7QMX2PD9R7\u0661")] // not an ASCII digit
    [InlineData("K0QMX2PDIR7")]       // two look-alikes
    [InlineData("jalan rusak di depan pasar")]
    public void Text_more_than_one_typo_away_has_no_candidates(string? typed) =>
        Assert.Empty(TrackingIdCorrection.Candidates(typed));

    [Fact]
    public void Every_single_typo_of_random_ids_is_corrected()
    {
        const string alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        for (var round = 0; round < 50; round++)
        {
            var id = TrackingId.NewId();
            var text = id.Value;
            for (var position = 0; position < text.Length; position++)
            {
                var substituted = text.Remove(position, 1).Insert(position, alphabet[(alphabet.IndexOf(text[position]) + 1 + round % 30) % 31].ToString());
                Assert.Contains(id, TrackingIdCorrection.Candidates(substituted));
                Assert.Contains(id, TrackingIdCorrection.Candidates(text.Remove(position, 1)));
                Assert.Contains(id, TrackingIdCorrection.Candidates(text.Insert(position, alphabet[round % 31].ToString())));
            }
        }
    }
}
