namespace Lapor.Hub.Web.Accounts;

/// <summary>A console account as stored in <c>hub_users</c>.</summary>
public sealed class HubUser
{
    public const int MaxUserNameLength = 64;
    public const int MaxDisplayNameLength = 100;

    /// <summary>The lockout end of an account an admin locked: it stays locked until someone unlocks it.</summary>
    public static readonly DateTimeOffset LockedUntilUnlocked = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    public string UserName { get; set; } = "";

    public string NormalizedUserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string Role { get; set; } = HubRoles.Admin;

    /// <summary>Set for agency officers only.</summary>
    public string? AgencyCode { get; set; }

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>What a session rests on, as last read from or written to the database.</summary>
    private SessionBasis? _stored;

    /// <summary>
    /// A session was issued for this role, agency and password to an open account; when any of them changes (or the
    /// account is locked) the old sessions must end, which a new security stamp does.
    /// </summary>
    internal bool ChangeEndsSessions(DateTimeOffset now) =>
        _stored is { } stored
        && (stored.Role != Role || stored.AgencyCode != AgencyCode || stored.PasswordHash != PasswordHash
            || (LockoutEnd is { } end && end > now && end != stored.LockoutEnd));

    internal void MarkStored() => _stored = new SessionBasis(Role, AgencyCode, PasswordHash, LockoutEnd);

    private sealed record SessionBasis(string Role, string? AgencyCode, string? PasswordHash, DateTimeOffset? LockoutEnd);

    /// <summary>The rules every account obeys, whoever creates it (the command line or the console).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UserName.Length is 0 or > MaxUserNameLength || !UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors.Add($"The user name needs 1–{MaxUserNameLength} letters, digits or . - _ @.");
        }

        if (DisplayName.Trim().Length is 0 or > MaxDisplayNameLength)
        {
            errors.Add($"The display name needs 1–{MaxDisplayNameLength} characters.");
        }

        if (!HubRoles.IsKnown(Role))
        {
            errors.Add($"Unknown role '{Role}'; expected one of {string.Join(", ", HubRoles.All)}.");
        }

        if (Role == HubRoles.AgencyOfficer && string.IsNullOrWhiteSpace(AgencyCode))
        {
            errors.Add("An agency officer must be bound to an agency.");
        }

        if (Role != HubRoles.AgencyOfficer && AgencyCode is not null)
        {
            errors.Add("Only agency officers are bound to an agency.");
        }

        return errors;
    }
}
