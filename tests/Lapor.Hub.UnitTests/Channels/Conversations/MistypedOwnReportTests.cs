using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Regions;
using Lapor.Hub.Tracking;

namespace Lapor.Hub.Tests.Channels.Conversations;

/// <summary>In the chat dialog too, a mistyped tracking ID of the citizen's own report shows that report; a stranger's is not guessed.</summary>
public sealed class MistypedOwnReportTests
{
    private static readonly RegionCatalog Regions = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);

    [Fact]
    public void A_mistyped_id_of_an_own_report_shows_it()
    {
        var state = new ConversationState();
        state.Reports.Add(new OwnReport("K7QMX2PD9R7", "key", DateTimeOffset.UtcNow));

        var effects = Send(state, "cek K7QM-X2PD-97R");

        Assert.Equal(TrackingId.Parse("K7QMX2PD9R7"), Assert.Single(effects.OfType<ShowStatus>()).TrackingId);
    }

    [Fact]
    public void A_mistyped_id_of_no_own_report_is_pointed_out()
    {
        var effects = Send(new ConversationState(), "cek K7QM-X2PD-97R");

        Assert.Empty(effects.OfType<ShowStatus>());
        Assert.Contains("salah ketik", string.Join("\n", effects.OfType<Say>().Select(say => say.Message.Text)));
    }

    private static IReadOnlyList<DialogEffect> Send(ConversationState state, string text) =>
        new Dialog(state, Regions).Handle(new InboundMessage(new ChannelAddress("telegram", "42"), "m1", DateTimeOffset.UtcNow, text));
}
