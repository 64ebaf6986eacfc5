using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Tests.Channels.SmsDialog;

/// <summary>
/// The "sms" channel's sender with the provider left out: it turns each outbound message into the SMS text a provider
/// would be handed (<see cref="SmsReplyText.Compose"/>), keeps it, and lets a test wait for one.
/// </summary>
public sealed class CapturingSmsSender : IChannelSender
{
    public const string PublicBaseUrl = "https://lapor.example.go.id";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Lock _gate = new();
    private readonly List<(string To, SmsReply Sms)> _sent = [];
    private TaskCompletionSource _nextSend = NewSignal();

    public string Channel => ChannelNames.Sms;

    public Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        var sms = SmsReplyText.Compose(message, PublicBaseUrl);
        TaskCompletionSource sent;
        lock (_gate)
        {
            _sent.Add((to.Id, sms));
            sent = _nextSend;
            _nextSend = NewSignal();
        }

        sent.SetResult();
        return Task.FromResult(DeliveryResult.Delivered($"sms-{Guid.NewGuid():N}"));
    }

    /// <summary>The first SMS to <paramref name="phone"/>, from the <paramref name="after"/>-th on, containing <paramref name="text"/>.</summary>
    public async Task<SmsReply> DeliveredAsync(string phone, string text, int after = 0)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            Task nextSend;
            lock (_gate)
            {
                var found = SentTo(phone).Skip(after).FirstOrDefault(sms => sms.Text.Contains(text, StringComparison.Ordinal));
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
                Assert.Fail($"No SMS containing '{text}' to {phone}. Sent: {string.Join(" | ", Texts(phone))}");
            }
        }
    }

    public int CountTo(string phone)
    {
        lock (_gate)
        {
            return SentTo(phone).Count;
        }
    }

    public IReadOnlyList<string> Texts(string phone)
    {
        lock (_gate)
        {
            return SentTo(phone).Select(sms => sms.Text).ToList();
        }
    }

    public IReadOnlyList<SmsReply> All()
    {
        lock (_gate)
        {
            return _sent.Select(sent => sent.Sms).ToList();
        }
    }

    private List<SmsReply> SentTo(string phone) => _sent.Where(sent => sent.To == phone).Select(sent => sent.Sms).ToList();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
