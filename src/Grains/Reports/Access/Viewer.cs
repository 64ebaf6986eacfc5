namespace Lapor.Hub.Reports.Access;

public enum ViewerKind { Public, Reporter, Admin, Supervisor, AgencyOfficer }

/// <summary>
/// Who is looking at or acting on a report. Every privacy decision starts from this, on every entrance (web, API, chat).
/// Web maps a signed-in account to a viewer; a conversation is the reporter of the reports it filed and the public otherwise.
/// </summary>
public sealed record Viewer(ViewerKind Kind, string Id, string? AgencyCode = null)
{
    public static Viewer Public { get; } = new(ViewerKind.Public, "public");

    /// <summary>Machine clients holding the operator key act as an admin.</summary>
    public static Viewer OperatorKey { get; } = new(ViewerKind.Admin, "operator");

    public static Viewer Reporter(string trackingId) => new(ViewerKind.Reporter, $"reporter:{trackingId}");

    public static Viewer Admin(string id) => new(ViewerKind.Admin, id);

    public static Viewer Supervisor(string id) => new(ViewerKind.Supervisor, id);

    public static Viewer Officer(string id, string agencyCode) => new(ViewerKind.AgencyOfficer, id, agencyCode);

    /// <summary>The one answer to "is this an admin": supervisors are admins too.</summary>
    public bool IsAdmin => Kind is ViewerKind.Admin or ViewerKind.Supervisor;

    public bool IsOfficer => Kind == ViewerKind.AgencyOfficer;

    /// <summary>How this viewer appears in a report's history when they act on it.</summary>
    public Actor ToActor() => Kind switch
    {
        ViewerKind.Admin or ViewerKind.Supervisor => Actor.Admin(Id),
        ViewerKind.AgencyOfficer => Actor.Officer(Id, AgencyCode!),
        ViewerKind.Reporter => Actor.Citizen("reporter"),
        _ => throw new InvalidOperationException("The public cannot act on a report."),
    };
}
