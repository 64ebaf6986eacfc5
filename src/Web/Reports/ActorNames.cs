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
    public string Reporter(ReportSubmission submission) => Reporter(submission, submission.Channel);

    private string Reporter(ReportSubmission submission, string channel) =>
        string.IsNullOrWhiteSpace(submission.ReporterName)
            ? text["ActorCitizenVia", Channel(channel)].Value
            : text["ActorCitizenViaNamed", Channel(channel), submission.ReporterName.Trim()].Value;

    public string Describe(Actor actor, ReportSubmission submission) => actor.Kind switch
    {
        // The reporter may write from another of their linked chats (a WhatsApp reply to a report filed by SMS).
        ActorKind.Citizen => Reporter(submission, ChannelOf(actor) ?? submission.Channel),
        ActorKind.Admin => text["ActorAdmin", actor.Id].Value,
        ActorKind.AgencyOfficer => text["ActorOfficer", labels.Agency(actor.AgencyCode), actor.Id].Value,
        _ => text["ActorSystem"].Value,
    };

    /// <summary>The channel of a citizen actor named by a chat address ("whatsapp:628…"), or null.</summary>
    private string? ChannelOf(Actor actor) =>
        actor.Id?.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && text[$"Channel_{actor.Id[..colon]}"] is { ResourceNotFound: false }
            ? actor.Id[..colon]
            : null;
}
