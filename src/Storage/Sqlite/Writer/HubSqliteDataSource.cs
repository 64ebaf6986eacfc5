using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// Where Orleans' ADO.NET providers and <see cref="HubDatabase"/> get SQLite connections: one per database file in
/// the process, with the file's one <see cref="SqliteWriter"/>.
/// </summary>
internal sealed class HubSqliteDataSource : DbDataSource
{
    private static readonly ConcurrentDictionary<string, HubSqliteDataSource> All = new(StringComparer.Ordinal);

    /// <summary>
    /// Open read connections per file at most; more callers wait for one. A burst of thousands of grain activations
    /// (deadline ticks coming due at once) would otherwise open a connection each, three file descriptors apiece, until
    /// the process runs out and every read fails ("unable to open database file").
    /// </summary>
    public const int MaxOpenConnections = 64;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _openSlots = new(MaxOpenConnections, MaxOpenConnections);

    // Microsoft.Data.Sqlite pools by connection string text: read connections (query_only) get a pool of their own,
    // apart from the writer's and the schema's, through a trailing ';' that changes nothing else. Without Foreign Keys:
    // Microsoft.Data.Sqlite would send that PRAGMA at every open, and a read cannot break a foreign key (a read
    // connection's rare explicit transaction turns it on itself).
    private readonly string _readConnectionString;

    private HubSqliteDataSource(string connectionString)
    {
        _connectionString = connectionString;
        _readConnectionString = new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = null } + ";";
        Writer = new SqliteWriter(connectionString);
    }

    public SqliteWriter Writer { get; }

    public override string ConnectionString => _connectionString;

    /// <summary>The data source for <paramref name="connectionString"/> (as <see cref="HubConnectionStrings.For"/> makes it).</summary>
    public static HubSqliteDataSource For(string connectionString) => All.GetOrAdd(connectionString, text => new HubSqliteDataSource(text));

    protected override DbConnection CreateDbConnection() => new HubSqliteConnection(_readConnectionString, Writer, _openSlots);
}
