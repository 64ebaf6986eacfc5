using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Storage;

/// <summary>
/// Applies the embedded <c>Sql/{Provider}/*.sql</c> scripts in file-name order. Every script must be idempotent.
/// Each applied script is recorded (name + SHA-256) in <c>HubSchemaScripts</c>: unchanged scripts are skipped,
/// edited ones are run again and reported.
/// </summary>
public static partial class HubSchema
{
    /// <summary>The table that records which scripts were applied, with which content.</summary>
    public const string JournalTable = "HubSchemaScripts";

    private const string CreateJournalSql = $"""
        CREATE TABLE IF NOT EXISTS {JournalTable} (
            Name varchar(200) NOT NULL PRIMARY KEY,
            Sha256 varchar(64) NOT NULL,
            AppliedAt timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        """;

    private const string ReadHashSql = $"SELECT Sha256 FROM {JournalTable} WHERE Name = @Name;";

    private const string RecordSql = $"""
        INSERT INTO {JournalTable} (Name, Sha256, AppliedAt) VALUES (@Name, @Sha256, CURRENT_TIMESTAMP)
        ON CONFLICT (Name) DO UPDATE SET Sha256 = excluded.Sha256, AppliedAt = excluded.AppliedAt;
        """;

    /// <summary>Brings the database of <paramref name="options"/> up to the embedded schema. Safe to call on every start.</summary>
    public static Task<HubSchemaReport> ApplyAsync(
        HubStorageOptions options, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        ApplyAsync(options, EmbeddedSchemaScripts.For(options.Provider), logger, cancellationToken);

    internal static async Task<HubSchemaReport> ApplyAsync(
        HubStorageOptions options, IReadOnlyList<SchemaScript> scripts, ILogger? logger, CancellationToken cancellationToken)
    {
        logger ??= NullLogger.Instance;
        await using var connection = await HubConnections.OpenAsync(options, cancellationToken);
        await using var exclusive = await EnterAsync(connection, options.Provider, cancellationToken);
        await connection.ExecuteAsync(CreateJournalSql, null, cancellationToken);

        List<string> applied = [], reapplied = [], unchanged = [];
        foreach (var script in scripts)
        {
            var outcome = await ApplyAsync(connection, script, logger, cancellationToken);
            (outcome switch { Outcome.Applied => applied, Outcome.Reapplied => reapplied, _ => unchanged }).Add(script.Name);
        }

        LogSchemaReady(logger, options.Provider, applied.Count, reapplied.Count, unchanged.Count);
        return new HubSchemaReport(applied, reapplied, unchanged);
    }

    private static async Task<IAsyncDisposable?> EnterAsync(DbConnection connection, HubStorageProvider provider, CancellationToken cancellationToken)
    {
        if (provider == HubStorageProvider.PostgreSql)
        {
            return await PostgresSchemaLock.AcquireAsync(connection, cancellationToken);
        }

        // SQLite serialises the scripts through BEGIN IMMEDIATE transactions instead.
        await SqliteDatabaseFile.UseWriteAheadLogAsync(connection, cancellationToken);
        return null;
    }

    private static async Task<Outcome> ApplyAsync(DbConnection connection, SchemaScript script, ILogger logger, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the check and the run happen under the write lock.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var recorded = await connection.ScalarAsync(ReadHashSql, transaction, cancellationToken, ("Name", script.Name)) as string;
        if (recorded == script.Sha256)
        {
            await transaction.CommitAsync(cancellationToken);
            return Outcome.Unchanged;
        }

        if (recorded is null)
        {
            LogApplying(logger, script.Name, script.Sha256);
        }
        else
        {
            LogEditedScript(logger, script.Name, recorded, script.Sha256);
        }

        await connection.ExecuteAsync(script.Sql, transaction, cancellationToken);
        await connection.ExecuteAsync(RecordSql, transaction, cancellationToken, ("Name", script.Name), ("Sha256", script.Sha256));
        await transaction.CommitAsync(cancellationToken);
        return recorded is null ? Outcome.Applied : Outcome.Reapplied;
    }

    private enum Outcome { Unchanged, Applied, Reapplied }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applying schema script {Script} (sha256 {Sha256}).")]
    private static partial void LogApplying(ILogger logger, string script, string sha256);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Schema script {Script} was edited after it was applied (sha256 {RecordedSha256} -> {Sha256}); applying it again. "
            + "Scripts must stay idempotent; a changed CREATE TABLE IF NOT EXISTS does not alter an existing table.")]
    private static partial void LogEditedScript(ILogger logger, string script, string recordedSha256, string sha256);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Provider} schema ready: {Applied} script(s) applied, {Reapplied} edited script(s) applied again, {Unchanged} unchanged.")]
    private static partial void LogSchemaReady(ILogger logger, HubStorageProvider provider, int applied, int reapplied, int unchanged);
}
