using Lapor.Hub.Tests.Channels.Flow;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Tests.Storage.Postgres;

/// <summary>The real hub (with Telegram on a fake Bot API) on PostgreSQL as a <see cref="LimitedPostgresDatabase"/>, its pool sized from that database's limit; skipped without LAPOR_TEST_POSTGRES.</summary>
public sealed class LimitedDatabaseHub : TelegramHub
{
    /// <summary>Far below the hundreds of requests the tests send at once.</summary>
    public const int ConnectionLimit = 4;

    public LimitedPostgresDatabase Database { get; private set; } = null!;

    public RecordingLogger Log { get; } = new();

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
        Database = await LimitedPostgresDatabase.CreateAsync(ConnectionLimit);
        return Database.ConnectionString;
    }

    protected override IReadOnlyList<string> MoreArguments =>
    [
        "--Logging:LogLevel:Lapor.Hub.Storage=Information",
        // An outage is seconds here; the pool's wait is not what is under test.
        "--Storage:PostgreSql:PoolTimeoutSeconds=5",
    ];

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(new Provider(Log));

    public override async Task DisposeAsync()
    {
        if (Database is null)
        {
            return;
        }

        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    private sealed class Provider(RecordingLogger logger) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }
}
