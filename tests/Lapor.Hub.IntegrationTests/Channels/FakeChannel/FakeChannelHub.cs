using System.Net.Http.Json;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.FakeChannel;

/// <summary>The real hub with <see cref="FakeChannel"/> registered beside its own channels, and a citizen's side of that channel.</summary>
public sealed class FakeChannelHub : InProcessHub
{
    private int _messages;

    public FakeChannelSender Sender => (FakeChannelSender)Services.GetService(typeof(FakeChannelSender))!;

    protected override IEnumerable<IChannelAdapter> ExtraChannels() => [new FakeChannel()];

    /// <summary>Sends a text or a tapped choice from <paramref name="chat"/> and waits for the hub's answer containing <paramref name="expectReplyContaining"/>.</summary>
    public async Task<Lapor.Hub.Channels.Messages.OutboundMessage> SayAsync(string chat, string expectReplyContaining, string? text = null, string? choice = null)
    {
        var before = Sender.CountTo(chat);
        var message = new FakeInboundMessage(chat, $"m{Interlocked.Increment(ref _messages)}", text, choice);
        using var response = await Public.PostAsJsonAsync(FakeChannel.InboundPath, message);
        response.EnsureSuccessStatusCode();
        return await Sender.DeliveredAsync(chat, expectReplyContaining, after: before);
    }
}
