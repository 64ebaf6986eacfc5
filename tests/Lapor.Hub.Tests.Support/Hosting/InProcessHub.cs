using System.Net.Http.Headers;
using Lapor.Hub.Channels.Hosting;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Lapor.Hub.Tests.Hosting;

/// <summary>The real hub (Kestrel, Orleans silo, SQLite) running inside the test process on free loopback ports.</summary>
public class InProcessHub : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("lapor-hub-").FullName;
    private WebApplication? _app;
    private TemporaryPostgresDatabase? _freshPostgres;

    public HubSettings Settings { get; private set; } = null!;

    public HttpClient Public { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string DataDirectory => _dataDirectory;

    /// <summary>More settings for the hub, e.g. a channel pointed at a local fake provider.</summary>
    protected virtual Task<IReadOnlyList<string>> ExtraArgumentsAsync() => Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary>A PostgreSQL database to run on instead of SQLite in the data directory.</summary>
    protected virtual Task<string?> PostgresConnectionStringAsync() => Task.FromResult<string?>(null);

    /// <summary>
    /// Runs on a PostgreSQL database of its own, dropped at the end. Without LAPOR_TEST_POSTGRES the hub does not start
    /// (<see cref="NotStarted"/>) and its tests skip.
    /// </summary>
    protected virtual bool OnFreshPostgres => false;

    protected bool NotStarted => _app is null;

    /// <summary>Swaps a framework service after the hub registered its own (e.g. a password hasher that counts its calls).</summary>
    protected virtual void ReplaceServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>Channels to run beside the hub's own, registered through the channel adapter contract only.</summary>
    protected virtual IEnumerable<IChannelAdapter> ExtraChannels() => [];

    public virtual async Task InitializeAsync()
    {
        if (OnFreshPostgres)
        {
            if (!TestDatabases.HasPostgres)
            {
                return;
            }

            _freshPostgres = await TestDatabases.CreatePostgresAsync();
        }

        Settings = new HubSettings(_dataDirectory, _freshPostgres?.ConnectionString ?? await PostgresConnectionStringAsync(), Extra: await ExtraArgumentsAsync());
        _app = HubHost.Build(Settings.ToArgs(), ReplaceServices, ExtraChannels());
        await _app.StartAsync();
        Public = new HttpClient { BaseAddress = Settings.BaseAddress };
        Operator = new HttpClient { BaseAddress = Settings.BaseAddress };
        Operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", HubSettings.OperatorKey);
    }

    public virtual async Task DisposeAsync()
    {
        if (OnFreshPostgres && _freshPostgres is null)
        {
            Directory.Delete(_dataDirectory, recursive: true);
            return;
        }

        Public.Dispose();
        Operator.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
        if (_freshPostgres is not null)
        {
            await _freshPostgres.DisposeAsync();
        }
    }
}
