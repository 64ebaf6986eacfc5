using Lapor.Hub.Channels.Inbox;
using Lapor.Hub.Channels.Messages;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>Reads an SMS-MO the MO endpoint stored (Jasmin's form fields) and hands its text to the conversation.</summary>
internal sealed class JasminInboundProcessor(IInboundMessageHandler handler, ILogger<JasminInboundProcessor> logger) : IInboundProcessor
{
    public const string ProviderName = "jasmin";

    public string Provider => ProviderName;

    public async Task ProcessAsync(ChannelAddress from, PendingInbound pending, CancellationToken cancellationToken)
    {
        var mo = JasminMo.Parse(JasminForm.Decode(pending.Envelope.Body), out var problem);
        if (mo?.Text is not { } text || string.IsNullOrWhiteSpace(text))
        {
            logger.LogWarning("Jasmin message {MessageId} from {Address} has no text ({Problem}); ignored", pending.Envelope.MessageId, from.Masked, problem ?? "empty");
            return;
        }

        await handler.HandleAsync(new InboundMessage(from, pending.Envelope.MessageId, pending.Envelope.ReceivedAt, Text: text.Trim()), cancellationToken);
        logger.LogInformation("Jasmin message {MessageId} from {Address} handed to the conversation", pending.Envelope.MessageId, from.Masked);
    }
}
