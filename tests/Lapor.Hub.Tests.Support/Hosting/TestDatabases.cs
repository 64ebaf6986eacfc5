using Lapor.Hub.Storage;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>Real databases for tests: SQLite in a temporary directory, PostgreSQL when <c>LAPOR_TEST_POSTGRES</c> is set.</summary>
public static class TestDatabases
{
    /// <summary>The environment variable holding an admin connection string, e.g. "Host=127.0.0.1;Port=5432;Username=postgres;Password=…".</summary>
    public const string PostgresVariable = "LAPOR_TEST_POSTGRES";

    public const string PostgresSkipReason =
        $"PostgreSQL test skipped: set {PostgresVariable} to an admin connection string (.ci/run does) to run it.";

    /// <summary>The admin connection string from <see cref="PostgresVariable"/>, or null when PostgreSQL tests are to be skipped.</summary>
    public static string? PostgresAdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool HasPostgres => PostgresAdminConnectionString is not null;

    /// <summary>Creates a database named <c>lapor_test_&lt;random&gt;</c>; dispose it to drop it.</summary>
    public static Task<TemporaryPostgresDatabase> CreatePostgresAsync() =>
        TemporaryPostgresDatabase.CreateAsync(PostgresAdminConnectionString
            ?? throw new InvalidOperationException(PostgresSkipReason));

    public static TemporaryDirectory CreateDirectory(string prefix = "lapor-test") => new(prefix);

    public static HubStorageOptions SqliteIn(TemporaryDirectory directory) =>
        new() { Provider = HubStorageProvider.Sqlite, DataDirectory = directory.Path };

    public static HubStorageOptions PostgresIn(TemporaryPostgresDatabase database) =>
        new() { Provider = HubStorageProvider.PostgreSql, ConnectionString = database.ConnectionString };
}
