using Lapor.Hub.Accounts;
using Lapor.Hub.Audit;
using Lapor.Hub.Storage;
using Lapor.Hub.Storage.Accounts;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Storage.Accounts;

/// <summary>
/// <see cref="IAccountStore"/> and <see cref="ISecretAccessLog"/> straight on the hub database, SQLite and (with
/// LAPOR_TEST_POSTGRES) PostgreSQL: the guards Identity relies on are the store's, not the caller's.
/// </summary>
public abstract class AccountStoreContractTests
{
    private static readonly DateTimeOffset Created = new(2026, 3, 10, 3, 0, 0, TimeSpan.Zero);

    protected abstract Task<HubStorageOptions> StorageAsync();

    [SkippableFact]
    public async Task A_taken_name_and_a_stale_stamp_are_refused_and_nothing_is_overwritten()
    {
        await using var services = await ServicesAsync();
        var store = services.GetRequiredService<IAccountStore>();
        var sari = Account("sari", "Sari", "Supervisor", null);
        var andi = Account("andi", "Andi", "AgencyOfficer", "KEMENKES") with { LockoutEnd = Created.AddMinutes(15), AccessFailedCount = 5 };

        Assert.True(await store.InsertAsync(sari));
        Assert.True(await store.InsertAsync(andi));
        Assert.False(await store.InsertAsync(Account("SARI", "Sari Kedua", "Admin", null)));

        Assert.Equal(andi, await store.FindByNormalizedUserNameAsync("ANDI"));
        Assert.Equal(andi, await store.FindByIdAsync(andi.Id));
        Assert.Null(await store.FindByNormalizedUserNameAsync("TIDAK-ADA"));

        var renamed = sari with { DisplayName = "Sari Wulandari", ConcurrencyStamp = "stamp-2" };
        Assert.True(await store.UpdateAsync(renamed, sari.ConcurrencyStamp));
        Assert.False(await store.UpdateAsync(sari with { DisplayName = "Sari Lama", ConcurrencyStamp = "stamp-3" }, sari.ConcurrencyStamp));
        Assert.Equal(renamed, await store.FindByIdAsync(sari.Id));

        Assert.Equal(["AgencyOfficer:ANDI", "Supervisor:SARI"], (await store.ListAsync()).Select(a => $"{a.Role}:{a.NormalizedUserName}"));
        await store.DeleteAsync(andi.Id);
        Assert.Null(await store.FindByIdAsync(andi.Id));
        Assert.False(await store.UpdateAsync(andi with { ConcurrencyStamp = "stamp-4" }, andi.ConcurrencyStamp));
    }

    [SkippableFact]
    public async Task The_secret_access_log_reads_newest_first_and_pages()
    {
        await using var services = await ServicesAsync();
        var log = services.GetRequiredService<ISecretAccessLog>();
        for (var i = 0; i < 3; i++)
        {
            await log.AppendAsync(new SecretAccessEntry(Created.AddMinutes(i), i == 1 ? "BBBBBBBBBBB" : "AAAAAAAAAAA", "Admin", $"admin-{i}", null, $"GET /{i}"));
        }

        Assert.Equal(["admin-2", "admin-1", "admin-0"], (await log.ReadAsync(null, 10, 0)).Select(e => e.ViewerId));
        Assert.Equal(["admin-1"], (await log.ReadAsync(null, 1, 1)).Select(e => e.ViewerId));
        var first = Assert.Single(await log.ReadAsync("AAAAAAAAAAA", 10, 1));
        Assert.Equal(new SecretAccessEntry(Created, "AAAAAAAAAAA", "Admin", "admin-0", null, "GET /0"), first);
    }

    private async Task<ServiceProvider> ServicesAsync() =>
        new ServiceCollection().AddLogging().AddHubDatabase(await StorageAsync()).AddHubAccountStorage().BuildServiceProvider();

    private static StoredAccount Account(string userName, string displayName, string role, string? agencyCode) => new(
        Guid.NewGuid().ToString("N"), userName, userName.ToUpperInvariant(), displayName, role, agencyCode, "hash-" + userName,
        "security-" + userName, "stamp-1-" + userName, true, null, 0, Created);
}

public sealed class SqliteAccountStoreContractTests : AccountStoreContractTests, IDisposable
{
    private readonly SqliteSchemaDatabase _database = new();

    protected override Task<HubStorageOptions> StorageAsync() => _database.CreateAsync();

    public void Dispose() => _database.Dispose();
}

public sealed class PostgresAccountStoreContractTests : AccountStoreContractTests, IAsyncLifetime
{
    private readonly PostgresSchemaDatabase _database = new();

    public Task InitializeAsync() => Task.CompletedTask;

    protected override Task<HubStorageOptions> StorageAsync() => _database.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();
}
