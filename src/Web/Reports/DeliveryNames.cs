using Lapor.Hub.Reports;
using Lapor.Hub.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Lapor.Hub.Web.Reports;

/// <summary>
/// How the message telling the citizen about a history entry fared, in the reader's language:
/// "Pesan ke warga lewat WhatsApp · dibaca". Only admins see the provider's error code.
/// </summary>
public sealed class DeliveryNames(ActorNames actors, IStringLocalizer<SiteText> text)
{
    /// <summary>The delivery of the entry numbered <paramref name="sequence"/>, if a message about it was sent.</summary>
    public static NotificationDelivery? Of(ReportView report, int sequence) => report.Deliveries.FirstOrDefault(d => d.Sequence == sequence);

    /// <param name="showChannel">False where the reporter is hidden (an anonymous report on the agency's page): the status alone.</param>
    /// <param name="showError">True for admins, who may need the provider's error code to trace a failure.</param>
    public string Describe(NotificationDelivery delivery, bool showChannel, bool showError)
    {
        var status = text[$"Delivery_{delivery.Status}"] is { ResourceNotFound: false } named ? named.Value : delivery.Status.ToString();
        var line = showChannel ? text["DeliveryVia", actors.Channel(delivery.Channel), status].Value : text["DeliveryStatus", status].Value;
        return showError && !string.IsNullOrWhiteSpace(delivery.Error) ? $"{line} {text["DeliveryError", delivery.Error].Value}" : line;
    }
}
