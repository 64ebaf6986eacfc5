using System.Security.Claims;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Accounts;

namespace Lapor.Hub.Web.Privacy;

/// <summary>The only Web part of the access rules: which <see cref="Viewer"/> a signed-in account is.</summary>
public static class AccountViewer
{
    /// <summary>The signed-in account behind <paramref name="user"/>, or null when nobody (or an unknown role) is signed in.</summary>
    public static Viewer? FromAccount(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { } name)
        {
            return null;
        }

        if (user.IsInRole(HubRoles.Supervisor))
        {
            return Viewer.Supervisor(name);
        }

        if (user.IsInRole(HubRoles.Admin))
        {
            return Viewer.Admin(name);
        }

        return user.IsInRole(HubRoles.AgencyOfficer) && user.FindFirst(HubClaims.Agency)?.Value is { } agency
            ? Viewer.Officer(name, agency)
            : null;
    }

    /// <summary>Whether the signed-in account is an admin, decided by <see cref="Viewer.IsAdmin"/> for pages, policies and filters alike.</summary>
    public static bool IsAdmin(ClaimsPrincipal user) => FromAccount(user)?.IsAdmin == true;
}
