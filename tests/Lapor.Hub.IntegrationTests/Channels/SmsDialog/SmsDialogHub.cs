using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.SmsDialog;

/// <summary>
/// The real hub with its "sms" channel answering through <see cref="CapturingSmsSender"/> (no provider configured), and a
/// citizen's phone that hands its SMS to the hub the way every provider's inbound processor does.
/// </summary>
public sealed class SmsDialogHub : InProcessHub
{
    public CapturingSmsSender Sender { get; } = new();

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IChannelSender>(Sender);

    /// <summary>An SMS from <paramref name="phone"/> with the provider's <paramref name="messageId"/>, handled as the provider's webhook would.</summary>
    public Task TextAsync(string phone, string messageId, string text) =>
        Services.GetRequiredService<IInboundMessageHandler>().HandleAsync(
            new InboundMessage(new ChannelAddress("sms", phone), messageId, DateTimeOffset.UtcNow, text), CancellationToken.None);

    /// <summary>Sends an SMS and waits for the hub's answer containing <paramref name="expectReplyContaining"/>.</summary>
    public async Task<Lapor.Hub.Channels.Sms.Text.SmsReply> SayAsync(string phone, string messageId, string text, string expectReplyContaining)
    {
        var before = Sender.CountTo(phone);
        await TextAsync(phone, messageId, text);
        return await Sender.DeliveredAsync(phone, expectReplyContaining, after: before);
    }
}
