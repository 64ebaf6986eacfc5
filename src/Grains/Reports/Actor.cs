namespace Lapor.Hub.Reports;

public enum ActorKind { Citizen, Admin, AgencyOfficer, System }

/// <summary>Who did something to a report. For an agency officer, <see cref="AgencyCode"/> says on whose behalf.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.Actor")]
public sealed record Actor(
    [property: Id(0)] ActorKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string? AgencyCode = null)
{
    public static Actor System { get; } = new(ActorKind.System, "system");

    public static Actor Citizen(string id) => new(ActorKind.Citizen, id);

    public static Actor Admin(string id) => new(ActorKind.Admin, id);

    public static Actor Officer(string id, string agencyCode) => new(ActorKind.AgencyOfficer, id, agencyCode);
}
