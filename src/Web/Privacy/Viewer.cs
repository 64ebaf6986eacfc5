using System.Security.Claims;
using Lapor.Hub.Reports;
using Lapor.Hub.Web.Accounts;

namespace Lapor.Hub.Web.Privacy;

public enum ViewerKind { Public, Reporter, Admin, Supervisor, AgencyOfficer }

/// <summary>Who is looking at a report. Every privacy decision starts from this.</summary>
public sealed record Viewer(ViewerKind Kind, string Id, string? AgencyCode = null)
{
    public static Viewer Public { get; } = new(ViewerKind.Public, "public");

    /// <summary>Machine clients holding the operator key act as an admin.</summary>
    public static Viewer OperatorKey { get; } = new(ViewerKind.Admin, "operator");

    public static Viewer Reporter(string trackingId) => new(ViewerKind.Reporter, $"reporter:{trackingId}");

    public bool IsAdmin => Kind is ViewerKind.Admin or ViewerKind.Supervisor;

    public bool IsOfficer => Kind == ViewerKind.AgencyOfficer;

    /// <summary>The signed-in account behind <paramref name="user"/>, or null when nobody (or an unknown role) is signed in.</summary>
    public static Viewer? FromAccount(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { } name)
        {
            return null;
        }

        if (user.IsInRole(HubRoles.Supervisor))
        {
            return new Viewer(ViewerKind.Supervisor, name);
        }

        if (user.IsInRole(HubRoles.Admin))
        {
            return new Viewer(ViewerKind.Admin, name);
        }

        return user.IsInRole(HubRoles.AgencyOfficer) && user.FindFirst(HubClaims.Agency)?.Value is { } agency
            ? new Viewer(ViewerKind.AgencyOfficer, name, agency)
            : null;
    }

    /// <summary>How this viewer appears in a report's history when they act on it.</summary>
    public Actor ToActor() => Kind switch
    {
        ViewerKind.Admin or ViewerKind.Supervisor => Actor.Admin(Id),
        ViewerKind.AgencyOfficer => Actor.Officer(Id, AgencyCode!),
        ViewerKind.Reporter => Actor.Citizen("reporter"),
        _ => throw new InvalidOperationException("The public cannot act on a report."),
    };
}
