using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Hosting;

/// <summary>The real hub on a fresh PostgreSQL database; not started when LAPOR_TEST_POSTGRES is unset (the tests skip).</summary>
public sealed class PostgresInProcessHub : InProcessHub
{
    public static bool IsAvailable => TestDatabases.HasPostgres;

    protected override bool OnFreshPostgres => true;
}
