using Lapor.Hub.Channels.Citizens;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Channels.Conversations;

/// <summary>A contact card the citizen shared: link the chat to its number if the channel verified it is the sender's own.</summary>
public sealed record LinkContact(SharedContact Contact) : DialogEffect;

/// <summary>
/// One citizen across channels (ADR 22): SMS and WhatsApp from one number are one person, and a Telegram chat joins them
/// by sharing its own contact. The citizen's reports from any linked address count as this chat's own; their news still
/// goes only to the chat each was filed from.
/// </summary>
public sealed partial class ConversationGrain
{
    // The citizen's reports, read once per received message (one grain call) so that every check in it is in memory.
    private IReadOnlyList<CitizenReport> _citizensReports = [];

    /// <summary>The verified number behind this chat: its own for SMS and WhatsApp, a shared contact's for Telegram, else none.</summary>
    private string? CitizenPhone => CitizenLinks.PhoneOf(_address) ?? Conversation.CitizenPhone;

    private bool IsCitizens(string trackingId) => _citizensReports.Any(r => r.TrackingId == trackingId);

    private async Task LoadCitizensReportsAsync() =>
        _citizensReports = CitizenPhone is { } phone ? await GrainFactory.GetCitizen(phone).ReportsFor(_address) : [];

    /// <summary>Reports filed here and from the citizen's other addresses, newest first.</summary>
    private IEnumerable<string> OwnTrackingIdsNewestFirst() =>
        Conversation.Reports.Select(r => (r.TrackingId, r.FiledAt))
            .Concat(_citizensReports.Select(r => (r.TrackingId, r.FiledAt)))
            .OrderByDescending(r => r.FiledAt)
            .Select(r => r.TrackingId)
            .Distinct();

    private CitizenReport ToCitizenReport(OwnReport own) => new(own.TrackingId, own.ReporterKey, _address.ToString(), own.FiledAt);

    private async Task RecordWithCitizenAsync(OwnReport own)
    {
        if (CitizenPhone is { } phone)
        {
            await GrainFactory.GetCitizen(phone).RecordReport(ToCitizenReport(own));
        }
    }

    /// <summary>A shared contact is answered by linking (or saying why not), then the current question again mid-report.</summary>
    private static IReadOnlyList<DialogEffect>? ContactShared(InboundMessage message, Dialog dialog) =>
        message.Contact is { } contact ? [new LinkContact(contact), .. dialog.Reprompt()] : null;

    private async Task LinkContactAsync(SharedContact contact, Replies replies)
    {
        // Never on an unverified claim: only the channel's proof that the number is the sender's own links anything.
        if (contact.VerifiedPhone is not { } phone || !PhoneNumber.TryNormalize(phone, out var digits) || CitizenLinks.PhoneOf(_address) is not null)
        {
            logger.LogInformation("Conversation {Address}: shared contact is not the sender's own number; nothing linked", _address.Masked);
            await replies.SayAsync("ContactNotOwn");
            return;
        }

        _citizensReports = await GrainFactory.GetCitizen(digits).Link(_address, Conversation.Reports.Select(ToCitizenReport).ToArray());
        Conversation.CitizenPhone = digits;
        logger.LogInformation("Conversation {Address} linked to phone {Phone}", _address.Masked, ChannelAddress.MaskId(digits));
        var fromElsewhere = _citizensReports.Count(r => r.FiledFrom != _address.ToString());
        await replies.SayAsync("ContactLinked", PhoneNumber.ToE164(digits), fromElsewhere);
    }

    /// <summary>After a Telegram chat's first report: it can share its contact to see its SMS and WhatsApp reports here too.</summary>
    private async Task OfferContactShareAsync(Replies replies)
    {
        if (_address.Channel == ChannelNames.Telegram && Conversation.CitizenPhone is null && Conversation.Reports.Count == 1)
        {
            await replies.SendAsync(new OutboundMessage(Text("ShareContactOffer"), Choices.ShareContact(Conversation.Language)));
        }
    }
}
