using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Fuzzing;

/// <summary>The tracking ID parser, in process and many times over: any text is refused or accepted, never a crash.</summary>
public sealed class TrackingIdFuzzTests
{
    private const int Seed = 20_261_206;
    private const int Cases = 20_000;

    [Fact]
    public void Any_text_is_refused_or_parsed_and_what_is_parsed_round_trips()
    {
        var texts = new HostileBodies(Seed);
        var accepted = 0;
        for (var i = 0; i < Cases; i++)
        {
            var valid = TrackingId.NewId().ToDisplayString();
            var text = i % 2 == 0 ? texts.NextText(valid) : valid.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);

            if (TrackingId.TryParse(text, out var id))
            {
                accepted++;
                Assert.Equal(id, TrackingId.Parse(id.ToDisplayString()));
            }
            else
            {
                Assert.Throws<FormatException>(() => TrackingId.Parse(text));
            }
        }

        Assert.InRange(accepted, Cases / 2, Cases);
    }
}
