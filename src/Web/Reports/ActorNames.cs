using Lapor.Hub.Reports;
using Lapor.Hub.Web.Localization;
using Microsoft.Extensions.Localization;

namespace Lapor.Hub.Web.Reports;

/// <summary>
/// Names the people in a report's history in the reader's language: the reporter by channel and name
/// ("Warga via Telegram (Budi)"), staff by role. Never the raw chat address: pages that may show it add it themselves.
/// </summary>
public sealed class ActorNames(ReportLabels labels, IStringLocalizer<SiteText> text)
{
    /// <summary>The channel as people call it: "web chat", "Telegram", "WhatsApp", "SMS", "API".</summary>
    public string Channel(string? channel) =>
        text[$"Channel_{channel}"] is { ResourceNotFound: false } named ? named.Value : channel ?? "—";

    /// <summary>The reporter of <paramref name="submission"/>: "Warga via Telegram (Budi)", or without the name when none was given.</summary>
    public string Reporter(ReportSubmission submission) =>
        string.IsNullOrWhiteSpace(submission.ReporterName)
            ? text["ActorCitizenVia", Channel(submission.Channel)].Value
            : text["ActorCitizenViaNamed", Channel(submission.Channel), submission.ReporterName.Trim()].Value;

    public string Describe(Actor actor, ReportSubmission submission) => actor.Kind switch
    {
        ActorKind.Citizen => Reporter(submission),
        ActorKind.Admin => text["ActorAdmin", actor.Id].Value,
        ActorKind.AgencyOfficer => text["ActorOfficer", labels.Agency(actor.AgencyCode), actor.Id].Value,
        _ => text["ActorSystem"].Value,
    };
}
