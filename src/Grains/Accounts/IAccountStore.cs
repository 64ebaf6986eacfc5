namespace Lapor.Hub.Accounts;

/// <summary>A console account as one row of <c>hub_users</c>; Web's Identity adapter maps it to and from its user type.</summary>
public sealed record StoredAccount(
    string Id,
    string UserName,
    string NormalizedUserName,
    string DisplayName,
    string Role,
    string? AgencyCode,
    string? PasswordHash,
    string SecurityStamp,
    string ConcurrencyStamp,
    bool LockoutEnabled,
    DateTimeOffset? LockoutEnd,
    int AccessFailedCount,
    DateTimeOffset CreatedAt);

/// <summary>Where console accounts are kept. Writes are guarded: by the unique normalized user name and by the concurrency stamp.</summary>
public interface IAccountStore
{
    /// <summary>False when the normalized user name is already taken.</summary>
    Task<bool> InsertAsync(StoredAccount account, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the account (all but its creation time) only while its stored concurrency stamp is still
    /// <paramref name="expectedConcurrencyStamp"/>; false when someone else changed or deleted it first.
    /// </summary>
    Task<bool> UpdateAsync(StoredAccount account, string expectedConcurrencyStamp, CancellationToken cancellationToken = default);

    Task DeleteAsync(string id, CancellationToken cancellationToken = default);

    Task<StoredAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    Task<StoredAccount?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken cancellationToken = default);

    /// <summary>Every account, by role then normalized user name.</summary>
    Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken cancellationToken = default);
}
