using Lapor.Hub.Storage;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>A fresh SQLite hub database with the schema applied, for storage tests run on both engines.</summary>
public sealed class SqliteSchemaDatabase : IDisposable
{
    private readonly TemporaryDirectory _directory = TestDatabases.CreateDirectory();

    public async Task<HubStorageOptions> CreateAsync()
    {
        var storage = TestDatabases.SqliteIn(_directory);
        await HubSchema.ApplyAsync(storage);
        return storage;
    }

    public void Dispose() => _directory.Dispose();
}

/// <summary>A fresh PostgreSQL hub database with the schema applied; skips the test when LAPOR_TEST_POSTGRES is unset.</summary>
public sealed class PostgresSchemaDatabase : IAsyncDisposable
{
    private TemporaryPostgresDatabase? _database;

    public async Task<HubStorageOptions> CreateAsync()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        _database = await TestDatabases.CreatePostgresAsync();
        var storage = TestDatabases.PostgresIn(_database);
        await HubSchema.ApplyAsync(storage);
        return storage;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
