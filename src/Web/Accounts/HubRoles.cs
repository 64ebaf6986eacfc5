namespace Lapor.Hub.Web.Accounts;

/// <summary>The console's roles. An account has exactly one; a supervisor is an admin who also watches deadlines.</summary>
public static class HubRoles
{
    public const string Admin = "Admin";
    public const string Supervisor = "Supervisor";
    public const string AgencyOfficer = "AgencyOfficer";

    public static IReadOnlyList<string> All { get; } = [Admin, Supervisor, AgencyOfficer];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>The canonical spelling of <paramref name="role"/> typed in any case, or null.</summary>
    public static string? Parse(string? role) => All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>Claims the hub adds to a signed-in account.</summary>
public static class HubClaims
{
    /// <summary>The agency an officer acts for.</summary>
    public const string Agency = "lapor:agency";

    public const string DisplayName = "lapor:name";
}

/// <summary>Authorization policies every page and endpoint uses by name.</summary>
public static class HubPolicies
{
    /// <summary>Verifies and routes reports: admins and supervisors.</summary>
    public const string Admins = "lapor:admins";

    /// <summary>The deadline picture: supervisors only.</summary>
    public const string Supervisors = "lapor:supervisors";

    /// <summary>Officers bound to an agency.</summary>
    public const string AgencyOfficers = "lapor:agency-officers";

    /// <summary>Polls in the console: admins (any agency's) and officers (their own agency's; the poll grain checks which).</summary>
    public const string PollEditors = "lapor:poll-editors";
}
