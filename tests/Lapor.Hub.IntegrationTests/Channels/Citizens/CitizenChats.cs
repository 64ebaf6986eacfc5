using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>
/// A citizen's side of SMS and WhatsApp, handing messages to the hub's <see cref="IInboundMessageHandler"/> as the providers'
/// inbound processors do (once a message is handled, the conversation has run; no waiting is needed).
/// </summary>
public static partial class CitizenChats
{
    private static int _messages;

    public static ChannelAddress Sms(string phone) => new(ChannelNames.Sms, phone);

    public static ChannelAddress WhatsApp(string phone) => new(ChannelNames.WhatsApp, phone);

    public static Task SayAsync(IServiceProvider services, ChannelAddress from, string? text = null, string? choice = null) =>
        services.GetRequiredService<IInboundMessageHandler>().HandleAsync(
            new InboundMessage(from, $"citizen-test-{Interlocked.Increment(ref _messages)}", DateTimeOffset.UtcNow, text, choice, SenderName: "Siti"),
            CancellationToken.None);

    /// <summary>
    /// Files a report from <paramref name="from"/> and returns its tracking ID (canonical). A channel that files in one
    /// message (SMS) is done after the description; otherwise the guided dialog is answered step by step, with
    /// <paramref name="secret"/> as the answer to "keep the content secret?".
    /// </summary>
    public static async Task<string> FileAsync(IServiceProvider services, ChannelAddress from, string description, bool secret = false)
    {
        var conversation = services.GetRequiredService<IGrainFactory>().GetConversation(from);
        var before = (await conversation.GetSnapshot()).TrackingIds.Count;
        await SayAsync(services, from, text: description);
        if ((await conversation.GetSnapshot()).TrackingIds.Count == before)
        {
            await SayAsync(services, from, text: "Jl. Kenjeran 100, Surabaya");
            await SayAsync(services, from, choice: "skip");
            await SayAsync(services, from, choice: "no");
            await SayAsync(services, from, choice: secret ? "yes" : "no");
            await SayAsync(services, from, choice: "submit");
        }

        var filed = (await conversation.GetSnapshot()).TrackingIds;
        Assert.True(filed.Count == before + 1, $"{from} did not file a report (step {(await conversation.GetSnapshot()).Step}).");
        return filed[^1];
    }

    public static string Display(string trackingId) => Lapor.Hub.Tracking.TrackingId.Parse(trackingId).ToDisplayString();

    public static IReadOnlyList<string> TrackingIdsIn(string text) => TrackingIdPattern().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
