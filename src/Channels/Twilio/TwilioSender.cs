using System.Net;
using System.Text.Json;
using Lapor.Hub.Channels.Media;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Channels.WhatsApp;
using Lapor.Hub.Reports;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using TwilioPhoneNumber = Twilio.Types.PhoneNumber;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Sends one message on one channel ("sms" or "whatsapp") through Twilio's REST API with the real Twilio client. It never
/// retries itself: 429, 5xx and network failures come back as <see cref="DeliveryStatus.RetryLater"/> (with Retry-After),
/// other refusals as <see cref="DeliveryStatus.Failed"/> with Twilio's error code. A taken message awaits Twilio's status
/// callbacks. On WhatsApp, outside the 24-hour window, news about a report goes as the approved notice template (so does a
/// message that carries only a <see cref="OutboundMessage.Notice"/> and no text) and a poll invitation as the poll template.
/// </summary>
public sealed class TwilioSender(
    string channel,
    TwilioApi api,
    IGrainFactory grains,
    MediaGrants grants,
    IOptions<TwilioOptions> options,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<SmsOptions> sms,
    TimeProvider time,
    ILogger<TwilioSender> logger) : IChannelSender
{
    /// <summary>Twilio's limit on a message body.</summary>
    public const int MaxBodyLength = 1600;

    /// <summary>WhatsApp's "re-engagement" error: free text outside the 24-hour window.</summary>
    public const int OutsideWindowError = 63016;

    public string Channel => channel;

    private TwilioOptions Settings => options.Value;

    public async Task<DeliveryResult> SendAsync(ChannelAddress to, OutboundMessage message, CancellationToken cancellationToken)
    {
        if (to.Channel != channel)
        {
            return Failed($"'{to.Masked}' is not a {channel} address.");
        }

        var result = channel == ChannelNames.WhatsApp
            ? await SendWhatsAppAsync(to, message)
            : (await CreateAsync(Sms(to, message))).Result;
        if (result.Status != DeliveryStatus.Delivered)
        {
            logger.LogWarning("Twilio {Channel} send to {Address}: {Status} {Error}", channel, to.Masked, result.Status, to.Scrub(result.Error));
        }

        return result;
    }

    private CreateMessageOptions Sms(ChannelAddress to, OutboundMessage message)
    {
        var send = NewMessage(to, Settings.SmsFrom);
        send.Body = SmsReplyText.Fit(message, sms.Value.PublicBaseUrl ?? Settings.PublicBaseUrl);
        return send;
    }

    private async Task<DeliveryResult> SendWhatsAppAsync(ChannelAddress to, OutboundMessage message)
    {
        var lastInbound = await grains.GetWhatsAppWindow(to).LastInboundAt();
        if (!WhatsAppWindow.IsOpen(lastInbound, time.GetUtcNow()))
        {
            return message switch
            {
                { PollInvite: { } invite } => await SendPollTemplateAsync(to, invite),
                { Notice: { } notice } => await SendTemplateAsync(to, notice),
                _ => Failed("Outside WhatsApp's 24-hour window: only news about a report or a poll invitation can be sent then, as an approved template."),
            };
        }

        if (message.Notice is { } onlyNews && string.IsNullOrEmpty(message.Text))
        {
            return await SendTemplateAsync(to, onlyNews); // news again after Twilio reported 63016 (see TwilioEndpoints)
        }

        var (result, errorCode) = await CreateAsync(FreeText(to, message));
        if (errorCode == OutsideWindowError && message.PollInvite is { } poll)
        {
            logger.LogInformation("WhatsApp window of {Address} closed at Twilio (63016); sending poll {PollId} as the poll template", to.Masked, poll.PollId);
            return await SendPollTemplateAsync(to, poll);
        }

        if (errorCode == OutsideWindowError && message.Notice is { } news)
        {
            logger.LogInformation("WhatsApp window of {Address} closed at Twilio (63016); sending the news as the template", to.Masked);
            return await SendTemplateAsync(to, news);
        }

        if (result is { AwaitsReceipt: true, ProviderMessageId: { } sid })
        {
            await WhatsAppReEngagement.RememberFreeTextAsync(grains, to, sid, message, logger);
        }

        return result;
    }

    private CreateMessageOptions FreeText(ChannelAddress to, OutboundMessage message)
    {
        var send = NewMessage(to, Settings.WhatsAppFrom);
        send.Body = Shortened(WithNumberedChoices(message));
        if (message.Media is { Count: > 0 } media && Settings.PublicBaseUrl is { } publicBase)
        {
            // WhatsApp carries one medium per message. Twilio fetches it from the hub, with a grant: a report's files are not
            // public until it is published, and a secret report's never are.
            send.MediaUrl = [new Uri(publicBase.TrimEnd('/') + grants.Link(media[0].Id, MediaGrants.ChatLifetime))];
        }

        return send;
    }

    private Task<DeliveryResult> SendTemplateAsync(ChannelAddress to, NoticeSummary notice) =>
        SendContentTemplateAsync(to, whatsApp.Value.NoticeTemplate.TwilioContentSids, notice.Language, "NoticeTemplate", "template",
            new Dictionary<string, string>
            {
                ["1"] = TrackingId.TryParse(notice.TrackingId, out var id) ? id.ToDisplayString() : notice.TrackingId,
                ["2"] = notice.ShortText,
            });

    /// <summary>A poll invitation outside the window: the poll template's Content SID, {{1}} the question in one line.</summary>
    private Task<DeliveryResult> SendPollTemplateAsync(ChannelAddress to, PollInviteSummary invite) =>
        SendContentTemplateAsync(to, whatsApp.Value.PollTemplate.TwilioContentSids, invite.Language, "PollTemplate", "poll template",
            new Dictionary<string, string> { ["1"] = invite.Question });

    /// <summary>An approved template (a Content SID per language, Indonesian as the fallback) with its variables filled.</summary>
    private async Task<DeliveryResult> SendContentTemplateAsync(
        ChannelAddress to, Dictionary<string, string> contentSids, string language, string setting, string what, Dictionary<string, string> variables)
    {
        if (!contentSids.TryGetValue(language, out var contentSid) && !contentSids.TryGetValue("id", out contentSid))
        {
            return Failed(
                $"Outside WhatsApp's 24-hour window and no {what}: set {WhatsAppOptions.SectionName}:{setting}:TwilioContentSids:{language}.");
        }

        var send = NewMessage(to, Settings.WhatsAppFrom);
        send.ContentSid = contentSid;
        send.ContentVariables = JsonSerializer.Serialize(variables);
        return (await CreateAsync(send)).Result;
    }

    private CreateMessageOptions NewMessage(ChannelAddress to, string? from)
    {
        var send = new CreateMessageOptions(new TwilioPhoneNumber(TwilioAddresses.ToTwilio(to)))
        {
            StatusCallback = new Uri(Settings.PublicUrl(TwilioOptions.StatusPath(channel))),
        };
        if (Settings.MessagingServiceSid is { } service)
        {
            send.MessagingServiceSid = service;
        }
        else
        {
            send.From = new TwilioPhoneNumber(from);
        }

        return send;
    }

    /// <summary>The send's result, with Twilio's error code when it refused.</summary>
    private async Task<(DeliveryResult Result, int? ErrorCode)> CreateAsync(CreateMessageOptions send)
    {
        var note = TwilioApi.NoteResponses();
        try
        {
            var created = await MessageResource.CreateAsync(send, api.Rest);
            return (DeliveryResult.Accepted(created.Sid), null);
        }
        catch (ApiConnectionException e)
        {
            return (new DeliveryResult(DeliveryStatus.RetryLater, Error: $"twilio unreachable: {e.InnerException?.Message ?? e.Message}"), null);
        }
        catch (ApiException e)
        {
            var status = e.Status != 0 ? e.Status : (int?)note.Status ?? 0;
            var error = e.Code != 0 ? $"twilio {e.Code}: {e.Message}" : $"twilio HTTP {status}: {e.Message}";
            var result = status is 0 or (int)HttpStatusCode.TooManyRequests or >= 500
                ? new DeliveryResult(DeliveryStatus.RetryLater, RetryAfter: note.RetryAfter, Error: error)
                : Failed(error);
            return (result, e.Code);
        }
    }

    private static DeliveryResult Failed(string error) => new(DeliveryStatus.Failed, Error: error);

    /// <summary>The text with the offered choices as numbered lines: the citizen answers with the number (or the words).</summary>
    public static string WithNumberedChoices(OutboundMessage message) =>
        message.Choices is not { Count: > 0 } choices
            ? message.Text
            : message.Text + "\n\n" + string.Join("\n", choices.Select((choice, index) => $"{index + 1}. {choice.Label}"));

    private static string Shortened(string text) => text.Length <= MaxBodyLength ? text : text[..(MaxBodyLength - 1)].TrimEnd() + "…";
}
