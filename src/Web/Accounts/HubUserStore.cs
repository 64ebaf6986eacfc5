using Lapor.Hub.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Lapor.Hub.Web.Accounts;

/// <summary>
/// Identity's user store over <see cref="IAccountStore"/> (the hub's own database, so accounts live beside the reports and
/// need no second database or ORM). It applies the account rules before every write and turns the store's refusals
/// (a taken user name, a stale concurrency stamp) into Identity's errors.
/// </summary>
public sealed class HubUserStore(IAccountStore accounts, IdentityErrorDescriber errors, TimeProvider clock) :
    IUserPasswordStore<HubUser>, IUserSecurityStampStore<HubUser>, IUserLockoutStore<HubUser>
{
    public async Task<IdentityResult> CreateAsync(HubUser user, CancellationToken cancellationToken)
    {
        var invalid = user.Validate();
        if (invalid.Count > 0)
        {
            return Invalid(invalid);
        }

        if (!await accounts.InsertAsync(ToStored(user, user.ConcurrencyStamp), cancellationToken))
        {
            return IdentityResult.Failed(errors.DuplicateUserName(user.UserName));
        }

        user.MarkStored();
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(HubUser user, CancellationToken cancellationToken)
    {
        var invalid = user.Validate();
        if (invalid.Count > 0)
        {
            return Invalid(invalid);
        }

        if (user.ChangeEndsSessions(clock.GetUtcNow()))
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        var newStamp = Guid.NewGuid().ToString("N");
        if (!await accounts.UpdateAsync(ToStored(user, newStamp), user.ConcurrencyStamp, cancellationToken))
        {
            return IdentityResult.Failed(errors.ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        user.MarkStored();
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(HubUser user, CancellationToken cancellationToken)
    {
        await accounts.DeleteAsync(user.Id, cancellationToken);
        return IdentityResult.Success;
    }

    public async Task<HubUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FromStored(await accounts.FindByIdAsync(userId, cancellationToken));

    public async Task<HubUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FromStored(await accounts.FindByNormalizedUserNameAsync(normalizedUserName, cancellationToken));

    /// <summary>Every account, by role then user name (for the command line and the console's account list).</summary>
    public async Task<IReadOnlyList<HubUser>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await accounts.ListAsync(cancellationToken)).Select(account => FromStored(account)!)];

    private static IdentityResult Invalid(IReadOnlyList<string> problems) =>
        IdentityResult.Failed([.. problems.Select(e => new IdentityError { Code = "InvalidAccount", Description = e })]);

    private static StoredAccount ToStored(HubUser user, string concurrencyStamp) => new(
        user.Id, user.UserName, user.NormalizedUserName, user.DisplayName.Trim(), user.Role, user.AgencyCode, user.PasswordHash,
        user.SecurityStamp, concurrencyStamp, user.LockoutEnabled, user.LockoutEnd, user.AccessFailedCount, user.CreatedAt);

    private static HubUser? FromStored(StoredAccount? account)
    {
        if (account is null)
        {
            return null;
        }

        var user = new HubUser
        {
            Id = account.Id,
            UserName = account.UserName,
            NormalizedUserName = account.NormalizedUserName,
            DisplayName = account.DisplayName,
            Role = account.Role,
            AgencyCode = account.AgencyCode,
            PasswordHash = account.PasswordHash,
            SecurityStamp = account.SecurityStamp,
            ConcurrencyStamp = account.ConcurrencyStamp,
            LockoutEnabled = account.LockoutEnabled,
            LockoutEnd = account.LockoutEnd,
            AccessFailedCount = account.AccessFailedCount,
            CreatedAt = account.CreatedAt,
        };
        user.MarkStored();
        return user;
    }

    public Task<string> GetUserIdAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id);

    public Task<string?> GetUserNameAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.UserName);

    public Task SetUserNameAsync(HubUser user, string? userName, CancellationToken cancellationToken)
    {
        user.UserName = userName ?? "";
        return Task.CompletedTask;
    }

    public Task<string?> GetNormalizedUserNameAsync(HubUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(user.NormalizedUserName);

    public Task SetNormalizedUserNameAsync(HubUser user, string? normalizedName, CancellationToken cancellationToken)
    {
        user.NormalizedUserName = normalizedName ?? "";
        return Task.CompletedTask;
    }

    public Task SetPasswordHashAsync(HubUser user, string? passwordHash, CancellationToken cancellationToken)
    {
        user.PasswordHash = passwordHash;
        return Task.CompletedTask;
    }

    public Task<string?> GetPasswordHashAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);

    public Task<bool> HasPasswordAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetSecurityStampAsync(HubUser user, string stamp, CancellationToken cancellationToken)
    {
        user.SecurityStamp = stamp;
        return Task.CompletedTask;
    }

    public Task<string?> GetSecurityStampAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);

    public Task SetLockoutEndDateAsync(HubUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken)
    {
        user.LockoutEnd = lockoutEnd;
        return Task.CompletedTask;
    }

    public Task<int> IncrementAccessFailedCountAsync(HubUser user, CancellationToken cancellationToken) =>
        Task.FromResult(++user.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(HubUser user, CancellationToken cancellationToken)
    {
        user.AccessFailedCount = 0;
        return Task.CompletedTask;
    }

    public Task<int> GetAccessFailedCountAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(HubUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);

    public Task SetLockoutEnabledAsync(HubUser user, bool enabled, CancellationToken cancellationToken)
    {
        user.LockoutEnabled = enabled;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
    }
}
