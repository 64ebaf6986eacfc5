using Lapor.Hub.Storage;
using Orleans.TestingHost;

namespace Lapor.Hub.Tests.Infrastructure;

/// <summary>
/// A test cluster on a database of its own, shared by the tests of one class (<c>IClassFixture</c>).
/// When the database is not available (PostgreSQL without <see cref="TestDatabases.PostgresVariable"/>),
/// no cluster is started and <see cref="SkipIfUnavailable"/> skips the test with the reason.
/// </summary>
public abstract class HubClusterFixture : IAsyncLifetime
{
    private HubStorageOptions? _storage;
    private TestCluster? _cluster;

    public bool IsAvailable => _storage is not null;

    public HubStorageOptions Storage => _storage ?? throw new InvalidOperationException(UnavailableReason);

    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException(UnavailableReason);

    public IGrainFactory GrainFactory => Cluster.GrainFactory;

    protected virtual string UnavailableReason => "The test database is not available.";

    public void SkipIfUnavailable() => Skip.IfNot(IsAvailable, UnavailableReason);

    /// <summary>Stops every silo and starts a new cluster on the same database, as after a redeployment.</summary>
    public async Task RestartClusterAsync()
    {
        await StopClusterAsync();
        _cluster = await StartClusterAsync(Storage);
    }

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        if (_storage is not null)
        {
            _cluster = await StartClusterAsync(_storage);
        }
    }

    public async Task DisposeAsync()
    {
        await StopClusterAsync();
        await DisposeStorageAsync();
    }

    /// <summary>The database to run on, or null when it is not available here.</summary>
    protected abstract Task<HubStorageOptions?> CreateStorageAsync();

    protected abstract ValueTask DisposeStorageAsync();

    /// <summary>Override to add configurators, more silos or other reminder timing.</summary>
    protected virtual Task<TestCluster> StartClusterAsync(HubStorageOptions storage) => HubTestClusters.StartAsync(storage);

    private async Task StopClusterAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}

/// <summary>A cluster on a SQLite file in a temporary directory.</summary>
public class SqliteHubClusterFixture : HubClusterFixture
{
    private readonly TemporaryDirectory _directory = TestDatabases.CreateDirectory("lapor-sqlite");

    protected override Task<HubStorageOptions?> CreateStorageAsync() =>
        Task.FromResult<HubStorageOptions?>(TestDatabases.SqliteIn(_directory));

    protected override ValueTask DisposeStorageAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A cluster on a freshly created PostgreSQL database, dropped afterwards; unavailable without LAPOR_TEST_POSTGRES.</summary>
public class PostgresHubClusterFixture : HubClusterFixture
{
    private TemporaryPostgresDatabase? _database;

    protected override string UnavailableReason => TestDatabases.PostgresSkipReason;

    protected override async Task<HubStorageOptions?> CreateStorageAsync()
    {
        if (!TestDatabases.HasPostgres)
        {
            return null;
        }

        _database = await TestDatabases.CreatePostgresAsync();
        return TestDatabases.PostgresIn(_database);
    }

    protected override ValueTask DisposeStorageAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
}
