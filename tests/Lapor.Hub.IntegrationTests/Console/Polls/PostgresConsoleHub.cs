using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>The console hub (same accounts) on a fresh PostgreSQL database; not started when LAPOR_TEST_POSTGRES is unset.</summary>
public sealed class PostgresConsoleHub : ConsoleHub
{
    private TemporaryPostgresDatabase? _database;

    public static bool IsAvailable => TestDatabases.HasPostgres;

    public override async Task InitializeAsync()
    {
        if (IsAvailable)
        {
            await base.InitializeAsync();
        }
    }

    protected override async Task<string?> PostgresConnectionStringAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        return _database.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
