using System.Net;
using System.Text.Json.Nodes;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.WhatsApp.Cloud;

/// <summary>
/// Sends one message to a citizen through the WhatsApp Cloud API. Inside the 24-hour window: free text, reply buttons
/// (≤ 3 choices) or a list (≤ 10), media as links Meta fetches from the hub. Outside it, or when Meta answers 131047
/// (re-engagement required), a report's news goes as the notice template and a poll invitation as the poll template;
/// anything else cannot be sent then.
/// The window is judged by the injected <see cref="TimeProvider"/> (a test's fake clock). Never retries itself:
/// rate limits and Meta's outages come back as <see cref="DeliveryStatus.RetryLater"/>.
/// </summary>
internal sealed class WhatsAppCloudSender(
    WhatsAppCloudApi api,
    IGrainFactory grains,
    MediaGrants grants,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<WhatsAppCloudOptions> options,
    TimeProvider time,
    ILogger<WhatsAppCloudSender> logger) : IChannelSender
{
    /// <summary>"Re-engagement message": more than 24 hours since the citizen last wrote.</summary>
    public const int ReEngagementRequired = 131047;

    /// <summary>Throughput (130429), pair rate (131056) and application rate (80007, 4) limits, and Meta's temporary failures (1, 2, 131016).</summary>
    private static readonly HashSet<int> TemporaryErrors = [130429, 131056, 80007, 4, 1, 2, 131016];

    public string Channel => ChannelNames.WhatsApp;

    public async Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (to.Channel != Channel || to.Id.Length == 0 || !to.Id.All(char.IsAsciiDigit))
        {
            return Failed($"'{to.Masked}' is not a WhatsApp phone number.");
        }

        try
        {
            var windowOpen = WhatsAppWindow.IsOpen(await grains.GetWhatsAppWindow(to).LastInboundAt(), time.GetUtcNow());
            if (!windowOpen)
            {
                logger.LogInformation("WhatsApp window of {Address} is closed; sending the approved template", to.Masked);
                return await SendTemplateAsync(to, message, cancellationToken);
            }

            var sent = await SendFreeFormAsync(to, message, cancellationToken);
            if (sent.Error is { Code: ReEngagementRequired })
            {
                logger.LogInformation("Meta answered 131047 for {Address}: outside the window after all; sending the approved template", to.Masked);
                return await SendTemplateAsync(to, message, cancellationToken);
            }

            if (sent is { MessageId: { } id, Error: null })
            {
                await WhatsAppReEngagement.RememberFreeTextAsync(grains, to, id, message, logger);
            }

            return ToDeliveryResult(to, sent);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                      || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("WhatsApp Cloud API unreachable sending to {Address}: {Error}", to.Masked, e.Message);
            return new DeliveryResult(DeliveryStatus.RetryLater, Error: $"meta unreachable: {e.Message}");
        }
    }

    private async Task<DeliveryResult> SendTemplateAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (message.PollInvite is { } invite)
        {
            return await SendPollTemplateAsync(to, invite, cancellationToken);
        }

        if (message.Notice is not { } notice)
        {
            return Failed("outside WhatsApp's 24-hour window: only a report's news or a poll invitation can be sent, as an approved template");
        }

        var template = whatsApp.Value.NoticeTemplate;
        if (string.IsNullOrWhiteSpace(template.Name))
        {
            return Failed("outside WhatsApp's 24-hour window and WhatsApp:NoticeTemplate:Name is not set");
        }

        var language = template.Languages.GetValueOrDefault(notice.Language)
                       ?? template.Languages.GetValueOrDefault(DialogTexts.Indonesian)
                       ?? notice.Language;
        var trackingId = TrackingId.TryParse(notice.TrackingId, out var parsed) ? parsed.ToDisplayString() : notice.TrackingId;
        var payload = CloudOutgoing.Template(to.Id, template.Name, language, [trackingId, notice.ShortText]);
        return ToDeliveryResult(to, await api.SendAsync(payload, cancellationToken));
    }

    /// <summary>A poll invitation outside the window: the poll template, {{1}} the question in one line.</summary>
    private async Task<DeliveryResult> SendPollTemplateAsync(ChannelAddress to, PollInviteSummary invite, CancellationToken cancellationToken)
    {
        var template = whatsApp.Value.PollTemplate;
        if (string.IsNullOrWhiteSpace(template.Name))
        {
            return Failed("outside WhatsApp's 24-hour window and WhatsApp:PollTemplate:Name is not set");
        }

        var language = template.Languages.GetValueOrDefault(invite.Language)
                       ?? template.Languages.GetValueOrDefault(DialogTexts.Indonesian)
                       ?? invite.Language;
        logger.LogInformation("Poll {PollId} goes to {Address} as the poll template {Template}", invite.PollId, to.Masked, template.Name);
        return ToDeliveryResult(to, await api.SendAsync(CloudOutgoing.Template(to.Id, template.Name, language, [invite.Question]), cancellationToken));
    }

    /// <summary>The message as one request where it fits, else media first and text last; the last request's answer counts.</summary>
    private async Task<CloudSendResult> SendFreeFormAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        var payloads = Payloads(to, message);
        if (payloads.Count == 0)
        {
            return new CloudSendResult(null, new CloudApiError(HttpStatusCode.BadRequest, 0, "the message has neither text nor media", null, null));
        }

        CloudSendResult? last = null;
        foreach (var payload in payloads)
        {
            last = await api.SendAsync(payload, cancellationToken);
            if (last.Error is not null)
            {
                break;
            }
        }

        return last!;
    }

    private List<JsonObject> Payloads(ChannelAddress to, OutboundMessage message)
    {
        var payloads = new List<JsonObject>();
        var text = message.Text?.Trim() ?? "";
        var choices = message.Choices ?? [];
        var media = MediaLinks(to, message.Media ?? []);

        // One photo with a short text and no choices: the text is its caption, so one request carries the whole message.
        if (media.Count == 1 && choices.Count == 0 && text.Length <= CloudOutgoing.MaxCaptionLength)
        {
            return [CloudOutgoing.Media(to.Id, media[0].File, media[0].Link, text)];
        }

        payloads.AddRange(media.Select(m => CloudOutgoing.Media(to.Id, m.File, m.Link, caption: null)));
        if (choices.Count > CloudOutgoing.MaxListRows)
        {
            text = CloudOutgoing.WithNumberedChoices(text, choices);
            choices = [];
        }

        if (choices.Count == 0)
        {
            payloads.AddRange(CloudOutgoing.Split(text, CloudOutgoing.MaxTextLength).Select(part => CloudOutgoing.Text(to.Id, part)));
            return payloads;
        }

        var language = message.Notice?.Language ?? LanguageGuess.FromWords(text) ?? DialogTexts.Indonesian;
        var body = text;
        if (text.Length == 0 || text.Length > CloudOutgoing.MaxInteractiveBodyLength)
        {
            // Too long for an interactive body: the text goes first on its own, the choices after it.
            payloads.AddRange(CloudOutgoing.Split(text, CloudOutgoing.MaxTextLength).Select(part => CloudOutgoing.Text(to.Id, part)));
            body = DialogTexts.Get(language, "WhatsAppChooseBelow");
        }

        payloads.Add(choices.Count <= CloudOutgoing.MaxButtons
            ? CloudOutgoing.Buttons(to.Id, body, choices)
            : CloudOutgoing.List(to.Id, body, DialogTexts.Get(language, "WhatsAppListButton"), choices));
        return payloads;
    }

    private List<(MediaFile File, string Link)> MediaLinks(ChannelAddress to, IReadOnlyList<MediaFile> media)
    {
        if (media.Count == 0)
        {
            return [];
        }

        if (options.Value.PublicBaseUrl is not { Length: > 0 } baseUrl)
        {
            logger.LogWarning("{Count} file(s) for {Address} sent without them: {Setting} is not set, so Meta cannot fetch them",
                media.Count, to.Masked, $"{WhatsAppCloudOptions.SectionName}:{nameof(WhatsAppCloudOptions.PublicBaseUrl)}");
            return [];
        }

        // The report's files are not public: the link carries a grant for this one file, as in the web chat.
        return [.. media.Select(file => (file, baseUrl.TrimEnd('/') + grants.Link(file.Id, MediaGrants.ChatLifetime)))];
    }

    private DeliveryResult ToDeliveryResult(ChannelAddress to, CloudSendResult sent)
    {
        if (sent is { MessageId: { } id, Error: null })
        {
            return DeliveryResult.Accepted(id);
        }

        var error = sent.Error!;
        var described = $"meta {error.Code}: {to.Scrub(error.Message)}";
        if (IsTemporary(error))
        {
            logger.LogWarning("WhatsApp send to {Address} to be retried: HTTP {Status} {Error}", to.Masked, (int)error.HttpStatus, described);
            return new DeliveryResult(DeliveryStatus.RetryLater, RetryAfter: error.RetryAfter, Error: described);
        }

        logger.LogWarning("WhatsApp send to {Address} refused: HTTP {Status} {Error} {Details}", to.Masked, (int)error.HttpStatus, described, to.Scrub(error.Details));
        return Failed(described);
    }

    private static bool IsTemporary(CloudApiError error) =>
        error.HttpStatus == HttpStatusCode.TooManyRequests || (int)error.HttpStatus >= 500 || TemporaryErrors.Contains(error.Code);

    private static DeliveryResult Failed(string error) => new(DeliveryStatus.Failed, Error: error);
}
