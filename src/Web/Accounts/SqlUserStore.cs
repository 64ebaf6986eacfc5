using System.Data.Common;
using Lapor.Hub.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lapor.Hub.Web.Accounts;

/// <summary>
/// Identity's user store on the hub's own database (<c>hub_users</c>, SQLite or PostgreSQL), so accounts live beside
/// the reports and need no second database or ORM. Updates are guarded by the concurrency stamp.
/// </summary>
public sealed class SqlUserStore(IHubDatabase database, IdentityErrorDescriber errors, TimeProvider clock) :
    IUserPasswordStore<HubUser>, IUserSecurityStampStore<HubUser>, IUserLockoutStore<HubUser>
{
    private const string Columns =
        "id, user_name, normalized_user_name, display_name, role, agency_code, password_hash, security_stamp, " +
        "concurrency_stamp, lockout_enabled, lockout_end, access_failed_count, created_at";

    public async Task<IdentityResult> CreateAsync(HubUser user, CancellationToken cancellationToken)
    {
        var invalid = user.Validate();
        if (invalid.Count > 0)
        {
            return IdentityResult.Failed(invalid.Select(e => new IdentityError { Code = "InvalidAccount", Description = e }).ToArray());
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO hub_users ({Columns})
            VALUES (@id, @user_name, @normalized_user_name, @display_name, @role, @agency_code, @password_hash, @security_stamp,
                    @concurrency_stamp, @lockout_enabled, @lockout_end, @access_failed_count, @created_at)
            ON CONFLICT (normalized_user_name) DO NOTHING
            """;
        BindAll(command, user, user.ConcurrencyStamp);
        command.Bind("created_at", database.Timestamp(user.CreatedAt));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
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
            return IdentityResult.Failed(invalid.Select(e => new IdentityError { Code = "InvalidAccount", Description = e }).ToArray());
        }

        if (user.ChangeEndsSessions(clock.GetUtcNow()))
        {
            user.SecurityStamp = Guid.NewGuid().ToString("N");
        }

        var expectedStamp = user.ConcurrencyStamp;
        var newStamp = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE hub_users SET user_name = @user_name, normalized_user_name = @normalized_user_name, display_name = @display_name,
                role = @role, agency_code = @agency_code, password_hash = @password_hash, security_stamp = @security_stamp,
                concurrency_stamp = @concurrency_stamp, lockout_enabled = @lockout_enabled, lockout_end = @lockout_end,
                access_failed_count = @access_failed_count
            WHERE id = @id AND concurrency_stamp = @expected_stamp
            """;
        BindAll(command, user, newStamp);
        command.Bind("expected_stamp", expectedStamp);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return IdentityResult.Failed(errors.ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        user.MarkStored();
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(HubUser user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM hub_users WHERE id = @id";
        command.Bind("id", user.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return IdentityResult.Success;
    }

    public Task<HubUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        FindOneAsync("id", userId, cancellationToken);

    public Task<HubUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindOneAsync("normalized_user_name", normalizedUserName, cancellationToken);

    /// <summary>Every account, by role then user name (for the command line and the console's account list).</summary>
    public async Task<IReadOnlyList<HubUser>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hub_users ORDER BY role, normalized_user_name";
        var users = new List<HubUser>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    private async Task<HubUser?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hub_users WHERE {column} = @value";
        command.Bind("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private void BindAll(DbCommand command, HubUser user, string concurrencyStamp)
    {
        command.Bind("id", user.Id);
        command.Bind("user_name", user.UserName);
        command.Bind("normalized_user_name", user.NormalizedUserName);
        command.Bind("display_name", user.DisplayName.Trim());
        command.Bind("role", user.Role);
        command.Bind("agency_code", user.AgencyCode);
        command.Bind("password_hash", user.PasswordHash);
        command.Bind("security_stamp", user.SecurityStamp);
        command.Bind("concurrency_stamp", concurrencyStamp);
        command.Bind("lockout_enabled", user.LockoutEnabled);
        command.Bind("lockout_end", user.LockoutEnd is { } end ? database.Timestamp(end) : null);
        command.Bind("access_failed_count", user.AccessFailedCount);
    }

    private static HubUser Read(DbDataReader r)
    {
        var user = ReadRow(r);
        user.MarkStored();
        return user;
    }

    private static HubUser ReadRow(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        UserName = r.GetString(1),
        NormalizedUserName = r.GetString(2),
        DisplayName = r.GetString(3),
        Role = r.GetString(4),
        AgencyCode = r.GetNullableString(5),
        PasswordHash = r.GetNullableString(6),
        SecurityStamp = r.GetString(7),
        ConcurrencyStamp = r.GetString(8),
        LockoutEnabled = r.GetBoolean(9),
        LockoutEnd = r.IsDBNull(10) ? null : r.GetTimestamp(10),
        AccessFailedCount = r.GetInt32(11),
        CreatedAt = r.GetTimestamp(12),
    };

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
