using Lapor.Hub.Channels.Conversations;

namespace Lapor.Hub.Tests.Channels.Conversations;

/// <summary>Where choices are shown as numbered lines (SMS, WhatsApp through Twilio), typing the number picks the choice.</summary>
public sealed class NumberedChoiceTests
{
    private static readonly string[] Offered = ["yes", "no"];

    [Theory]
    [InlineData("1", "yes")]
    [InlineData(" 2 ", "no")]
    [InlineData("2.", "no")]
    [InlineData("(1)", "yes")]
    [InlineData("01", "yes")]
    [InlineData("3", null)]
    [InlineData("0", null)]
    [InlineData("1 jalan rusak", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("١", null)]
    public void A_number_picks_the_offered_choice_counted_from_one(string? text, string? chosen) =>
        Assert.Equal(chosen, Choices.Numbered(text, Offered));

    [Fact]
    public void Nothing_is_picked_when_nothing_is_offered() => Assert.Null(Choices.Numbered("1", []));
}
