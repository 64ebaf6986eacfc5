using Lapor.Hub.Channels.Messages;

namespace Lapor.Hub.Tests.Channels.FakeChannel;

/// <summary>The fake channel's sender: keeps every message the outbox delivers, so a test can wait for one.</summary>
public sealed class FakeChannelSender : IChannelSender
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Lock _gate = new();
    private readonly List<(ChannelAddress To, OutboundMessage Message)> _sent = [];
    private TaskCompletionSource _nextSend = NewSignal();

    public string Channel => FakeChannel.ChannelName;

    public Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        TaskCompletionSource sent;
        lock (_gate)
        {
            _sent.Add((to, message));
            sent = _nextSend;
            _nextSend = NewSignal();
        }

        sent.SetResult();
        return Task.FromResult(DeliveryResult.Delivered($"fake-{Guid.NewGuid():N}"));
    }

    /// <summary>The first message to <paramref name="chat"/>, from the <paramref name="after"/>-th on, whose text contains <paramref name="text"/>.</summary>
    public async Task<OutboundMessage> DeliveredAsync(string chat, string text, int after = 0)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task nextSend;
            lock (_gate)
            {
                var found = _sent.Where(sent => sent.To.Id == chat).Skip(after).FirstOrDefault(sent => sent.Message.Text.Contains(text, StringComparison.Ordinal));
                if (found.Message is not null)
                {
                    return found.Message;
                }

                nextSend = _nextSend.Task;
            }

            try
            {
                await nextSend.WaitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No message containing '{text}' to {chat}. Sent: {string.Join(" | ", Sent(chat))}");
            }
        }
    }

    public int CountTo(string chat)
    {
        lock (_gate)
        {
            return _sent.Count(sent => sent.To.Id == chat);
        }
    }

    private IEnumerable<string> Sent(string chat)
    {
        lock (_gate)
        {
            return _sent.Where(sent => sent.To.Id == chat).Select(sent => sent.Message.Text).ToList();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
