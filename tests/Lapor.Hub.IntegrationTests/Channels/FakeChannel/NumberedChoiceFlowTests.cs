namespace Lapor.Hub.Tests.Channels.FakeChannel;

/// <summary>
/// Where a channel shows choices as numbered lines (SMS, WhatsApp through Twilio), the citizen types the number: on any
/// channel a bare number 1..k while k choices are offered is that choice, and the report is filed as if they were tapped.
/// </summary>
public sealed class NumberedChoiceFlowTests(FakeChannelHub hub) : IClassFixture<FakeChannelHub>
{
    [Fact]
    public async Task Typing_the_number_of_an_offered_choice_picks_it()
    {
        const string chat = "fake-numbered-1";
        await hub.SayAsync(chat, "Di mana", text: "Lampu penerangan jalan di Jl. Pemuda mati sejak seminggu, gelap sekali malam hari");
        await hub.SayAsync(chat, "foto", text: "Jl. Pemuda 5, Surabaya");
        await hub.SayAsync(chat, "anonim", text: "1");
        await hub.SayAsync(chat, "dirahasiakan", text: "1.");
        var summary = await hub.SayAsync(chat, "Ringkasan", text: "2");

        Assert.Equal(["submit", "cancel"], summary.Choices!.Select(choice => choice.Value));
        await hub.SayAsync(chat, "Nomor laporan", text: "1");
    }

    [Fact]
    public async Task A_number_beyond_the_offered_choices_is_just_text()
    {
        const string chat = "fake-numbered-2";
        await hub.SayAsync(chat, "Di mana", text: "Got mampet di perumahan kami sejak hujan deras kemarin sore");
        await hub.SayAsync(chat, "foto", text: "Jl. Rungkut Asri 3, Surabaya");

        var again = await hub.SayAsync(chat, "foto", text: "7");

        Assert.Equal("skip", Assert.Single(again.Choices!).Value);
    }
}
