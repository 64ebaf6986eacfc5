using System.Data.Common;
using Lapor.Hub.Accounts;

namespace Lapor.Hub.Storage.Accounts;

/// <summary>Console accounts in <c>hub_users</c> on the hub's own database (SQLite or PostgreSQL), beside the reports.</summary>
internal sealed class SqlAccountStore(IHubDatabase database) : IAccountStore
{
    private const string Columns =
        "id, user_name, normalized_user_name, display_name, role, agency_code, password_hash, security_stamp, " +
        "concurrency_stamp, lockout_enabled, lockout_end, access_failed_count, created_at";

    public async Task<bool> InsertAsync(StoredAccount account, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO hub_users ({Columns})
            VALUES (@id, @user_name, @normalized_user_name, @display_name, @role, @agency_code, @password_hash, @security_stamp,
                    @concurrency_stamp, @lockout_enabled, @lockout_end, @access_failed_count, @created_at)
            ON CONFLICT (normalized_user_name) DO NOTHING
            """;
        BindAll(command, account);
        command.Bind("created_at", database.Timestamp(account.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> UpdateAsync(StoredAccount account, string expectedConcurrencyStamp, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE hub_users SET user_name = @user_name, normalized_user_name = @normalized_user_name, display_name = @display_name,
                role = @role, agency_code = @agency_code, password_hash = @password_hash, security_stamp = @security_stamp,
                concurrency_stamp = @concurrency_stamp, lockout_enabled = @lockout_enabled, lockout_end = @lockout_end,
                access_failed_count = @access_failed_count
            WHERE id = @id AND concurrency_stamp = @expected_stamp
            """;
        BindAll(command, account);
        command.Bind("expected_stamp", expectedConcurrencyStamp);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM hub_users WHERE id = @id";
        command.Bind("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<StoredAccount?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        FindOneAsync("id", id, cancellationToken);

    public Task<StoredAccount?> FindByNormalizedUserNameAsync(string normalizedUserName, CancellationToken cancellationToken = default) =>
        FindOneAsync("normalized_user_name", normalizedUserName, cancellationToken);

    public async Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hub_users ORDER BY role, normalized_user_name";
        var accounts = new List<StoredAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    private async Task<StoredAccount?> FindOneAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM hub_users WHERE {column} = @value";
        command.Bind("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private void BindAll(DbCommand command, StoredAccount account)
    {
        command.Bind("id", account.Id);
        command.Bind("user_name", account.UserName);
        command.Bind("normalized_user_name", account.NormalizedUserName);
        command.Bind("display_name", account.DisplayName);
        command.Bind("role", account.Role);
        command.Bind("agency_code", account.AgencyCode);
        command.Bind("password_hash", account.PasswordHash);
        command.Bind("security_stamp", account.SecurityStamp);
        command.Bind("concurrency_stamp", account.ConcurrencyStamp);
        command.Bind("lockout_enabled", account.LockoutEnabled);
        command.Bind("lockout_end", account.LockoutEnd is { } end ? database.Timestamp(end) : null);
        command.Bind("access_failed_count", account.AccessFailedCount);
    }

    private static StoredAccount Read(DbDataReader r) => new(
        Id: r.GetString(0),
        UserName: r.GetString(1),
        NormalizedUserName: r.GetString(2),
        DisplayName: r.GetString(3),
        Role: r.GetString(4),
        AgencyCode: r.GetNullableString(5),
        PasswordHash: r.GetNullableString(6),
        SecurityStamp: r.GetString(7),
        ConcurrencyStamp: r.GetString(8),
        LockoutEnabled: r.GetBoolean(9),
        LockoutEnd: r.IsDBNull(10) ? null : r.GetTimestamp(10),
        AccessFailedCount: r.GetInt32(11),
        CreatedAt: r.GetTimestamp(12));
}
