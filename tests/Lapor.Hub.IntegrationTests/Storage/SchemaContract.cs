using System.Reflection;
using System.Text.RegularExpressions;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Lapor.Hub.Tests.Storage;

/// <summary>Applying the embedded schema to a fresh database; run once per provider.</summary>
public abstract partial class SchemaContract : IAsyncLifetime
{
    private HubStorageOptions? _storage;

    protected HubStorageOptions Storage => _storage!;

    protected abstract string? UnavailableReason { get; }

    /// <summary>The Orleans ADO.NET assemblies whose queries this provider must serve.</summary>
    protected abstract IEnumerable<Assembly> OrleansProviders { get; }

    public async Task InitializeAsync() => _storage = UnavailableReason is null ? await CreateStorageAsync() : null;

    public Task DisposeAsync() => DisposeStorageAsync().AsTask();

    protected abstract Task<HubStorageOptions> CreateStorageAsync();

    protected abstract ValueTask DisposeStorageAsync();

    [SkippableFact]
    public async Task Applying_twice_runs_every_script_once_and_then_nothing()
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var scripts = EmbeddedSchemaScripts.For(Storage.Provider).Select(script => script.Name).ToList();
        Assert.Contains(scripts, name => name.StartsWith("10-", StringComparison.Ordinal));

        var first = await HubSchema.ApplyAsync(Storage);
        var second = await HubSchema.ApplyAsync(Storage);

        Assert.Equal(scripts, first.Applied);
        Assert.Empty(first.Reapplied);
        Assert.True(second.WasUpToDate);
        Assert.Equal(scripts, second.Unchanged);
    }

    [SkippableFact]
    public async Task An_edited_script_is_detected_applied_again_and_reported()
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var original = EmbeddedSchemaScripts.For(Storage.Provider);
        await HubSchema.ApplyAsync(Storage);

        var edited = original.Select((script, index) => index == 1 ? script with { Sql = script.Sql + "\n-- edited\n" } : script).ToList();
        var logger = new RecordingLogger();
        var report = await HubSchema.ApplyAsync(Storage, edited, logger, CancellationToken.None);

        Assert.Equal(new[] { original[1].Name }, report.Reapplied);
        Assert.Empty(report.Applied);
        Assert.Equal(original.Count - 1, report.Unchanged.Count);
        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Warning && entry.Message.Contains(original[1].Name, StringComparison.Ordinal));
        Assert.True((await HubSchema.ApplyAsync(Storage, edited, null, CancellationToken.None)).WasUpToDate);
    }

    [SkippableFact]
    public async Task Silos_starting_together_apply_the_schema_once()
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => HubSchema.ApplyAsync(Storage))));

        var scripts = EmbeddedSchemaScripts.For(Storage.Provider).Select(script => script.Name);
        Assert.Equal(scripts.Order(), reports.SelectMany(report => report.Applied).Order());
        Assert.All(reports, report => Assert.Empty(report.Reapplied));
    }

    [SkippableFact]
    public async Task Every_query_the_Orleans_providers_ask_for_is_stored()
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        await HubSchema.ApplyAsync(Storage);

        var stored = await StoredQueryKeysAsync();
        var required = OrleansProviders.SelectMany(RequiredQueryKeys).ToList();
        Assert.NotEmpty(required);
        Assert.All(required, key => Assert.Contains(key, stored));
    }

    protected async Task<HashSet<string>> StoredQueryKeysAsync()
    {
        await using var connection = await HubConnections.OpenAsync(Storage, CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>Read from the Orleans 10.4.2 assemblies themselves, so an upgrade that needs a new query fails here.</summary>
    private static IEnumerable<string> RequiredQueryKeys(Assembly provider)
    {
        if (provider == typeof(AdoNetGrainStorage).Assembly)
        {
            return QueryKeyPattern().Matches(AdoNetGrainStorage.DefaultInitializationQuery)
                .Select(match => match.Groups[1].Value)
                .Where(key => key != "DeleteStorageKey"); // only with DeleteStateOnClear (we provide it anyway)
        }

        var storedQueries = provider.GetTypes().Single(type => type.Name == "DbStoredQueries");
        return storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(property => property.Name);
    }

    [GeneratedRegex("'(\\w+Key)'")]
    private static partial Regex QueryKeyPattern();
}

public sealed class SqliteSchemaTests : SchemaContract
{
    private readonly TemporaryDirectory _directory = TestDatabases.CreateDirectory("lapor-schema");

    protected override string? UnavailableReason => null;

    protected override IEnumerable<Assembly> OrleansProviders =>
        [typeof(AdoNetGrainStorage).Assembly, typeof(Orleans.Configuration.AdoNetReminderTableOptions).Assembly];

    protected override Task<HubStorageOptions> CreateStorageAsync() => Task.FromResult(TestDatabases.SqliteIn(_directory));

    protected override ValueTask DisposeStorageAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_database_file_is_created_in_the_data_directory_with_write_ahead_logging()
    {
        var nested = new HubStorageOptions { DataDirectory = Path.Combine(_directory.Path, "not", "yet", "there") };
        await HubSchema.ApplyAsync(nested);

        var file = Path.Combine(nested.DataDirectory, HubStorage.SqliteFileName);
        Assert.True(File.Exists(file));
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}

public sealed class PostgresSchemaTests : SchemaContract
{
    private TemporaryPostgresDatabase? _database;

    protected override string? UnavailableReason => TestDatabases.HasPostgres ? null : TestDatabases.PostgresSkipReason;

    protected override IEnumerable<Assembly> OrleansProviders =>
    [
        typeof(AdoNetGrainStorage).Assembly,
        typeof(Orleans.Configuration.AdoNetReminderTableOptions).Assembly,
        typeof(Orleans.Configuration.AdoNetClusteringSiloOptions).Assembly,
    ];

    protected override async Task<HubStorageOptions> CreateStorageAsync()
    {
        _database = await TestDatabases.CreatePostgresAsync();
        return TestDatabases.PostgresIn(_database);
    }

    protected override ValueTask DisposeStorageAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;

    [SkippableFact]
    public async Task The_optional_cleanup_query_for_one_defunct_silo_is_stored()
    {
        Skip.If(UnavailableReason is not null, UnavailableReason);
        await HubSchema.ApplyAsync(Storage);
        Assert.Contains("CleanupDefunctSiloEntryKey", await StoredQueryKeysAsync());
    }
}
