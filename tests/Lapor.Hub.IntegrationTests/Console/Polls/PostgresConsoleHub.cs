using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>The console hub (same accounts) on a fresh PostgreSQL database; not started when LAPOR_TEST_POSTGRES is unset.</summary>
public sealed class PostgresConsoleHub : ConsoleHub
{
    public static bool IsAvailable => TestDatabases.HasPostgres;

    protected override bool OnFreshPostgres => true;
}
