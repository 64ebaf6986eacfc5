using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>
/// A channel's sender standing in for a provider (SMS and WhatsApp providers are other adapters' work): it keeps every
/// message the outbox hands it and answers as <see cref="Answer"/> says, by default "delivered".
/// </summary>
public sealed class CapturingSender(string channel) : IChannelSender
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Lock _gate = new();
    private readonly List<Sent> _sent = [];
    private TaskCompletionSource _nextSend = NewSignal();

    public sealed record Sent(ChannelAddress To, OutboundMessage Message, DeliveryResult Result);

    public string Channel => channel;

    /// <summary>How the stand-in provider answers a send to an address.</summary>
    public Func<ChannelAddress, OutboundMessage, DeliveryResult> Answer { get; set; } = (_, _) => DeliveryResult.Delivered();

    public Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        var result = Answer(to, message);
        TaskCompletionSource sent;
        lock (_gate)
        {
            _sent.Add(new Sent(to, message, result));
            sent = _nextSend;
            _nextSend = NewSignal();
        }

        sent.SetResult();
        return Task.FromResult(result);
    }

    /// <summary>Every message sent to the phone number <paramref name="phone"/> so far.</summary>
    public IReadOnlyList<Sent> SentTo(string phone)
    {
        lock (_gate)
        {
            return _sent.Where(s => s.To.Id == phone).ToList();
        }
    }

    public int CountTo(string phone) => SentTo(phone).Count;

    /// <summary>Waits for the first message to <paramref name="phone"/>, from the <paramref name="after"/>-th on, whose text contains <paramref name="text"/>.</summary>
    public async Task<Sent> DeliveredAsync(string phone, string text, int after = 0)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task nextSend;
            lock (_gate)
            {
                var found = _sent.Where(s => s.To.Id == phone).Skip(after).FirstOrDefault(s => s.Message.Text.Contains(text, StringComparison.Ordinal));
                if (found is not null)
                {
                    return found;
                }

                nextSend = _nextSend.Task;
            }

            try
            {
                await nextSend.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No {channel} message containing '{text}' to {phone}. Sent: {string.Join(" | ", SentTo(phone).Select(s => s.Message.Text))}");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
