using System.Collections.Concurrent;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WebChat;

namespace Lapor.Hub.Tests.Channels.WebChat;

/// <summary>
/// The test stand-in for the dialog: answers every web chat message through the real <see cref="WebChatSender"/>,
/// "Anda menulis: …" with two choices, "Pilihan Anda: …" for a tapped choice, a welcome for the greeting. Idempotent by message id, as the
/// real handler must be.
/// </summary>
public sealed class EchoingInboundHandler(WebChatSender sender) : IInboundMessageHandler
{
    /// <summary>The answer to the greeting command the home page's join event hands over.</summary>
    public const string Welcome = "Selamat datang di LAPOR!";

    public static readonly Choice Yes = new("ya", "Ya, benar");
    public static readonly Choice No = new("tidak", "Tidak");

    private readonly ConcurrentDictionary<string, InboundMessage> _handled = new();
    private int _failuresToSimulate;

    public IReadOnlyCollection<InboundMessage> Handled => _handled.Values.ToList();

    /// <summary>The next <paramref name="count"/> messages throw, as a broken dialog would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _failuresToSimulate, count);

    public InboundMessage? Find(string messageId) => _handled.GetValueOrDefault(messageId);

    public async Task HandleAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failuresToSimulate) >= 0)
        {
            throw new InvalidOperationException("Simulated dialog failure.");
        }

        if (!_handled.TryAdd(message.MessageId, message))
        {
            return;
        }

        var reply = message switch
        {
            { Text: "/start" } => new OutboundMessage(Welcome),
            { Location: { } point } => new OutboundMessage($"Lokasi diterima: {point.Latitude}, {point.Longitude}"),
            { ChoiceValue: { } choice } => new OutboundMessage($"Pilihan Anda: {choice}"),
            { Media.Count: > 0 } => new OutboundMessage($"Berkas diterima: {message.Media.Count}"),
            _ => new OutboundMessage($"Anda menulis: {message.Text}", [Yes, No]),
        };
        var result = await sender.SendAsync(message.From, reply, cancellationToken);
        Assert.Equal(DeliveryStatus.Delivered, result.Status);
    }
}
