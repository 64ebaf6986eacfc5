using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>A command on a <see cref="HubSqliteConnection"/>: reads run here, writes go to the connection's writer.</summary>
internal sealed class HubSqliteCommand : SqliteCommand
{
    private bool GoesToWriter => Connection is HubSqliteConnection { CurrentTransaction: null, SendsWritesToWriter: true }
        && Transaction is null && !SqliteStatements.IsReadOnly(CommandText) && !SqliteStatements.IsPragma(CommandText);

    private SqliteWriter Writer => ((HubSqliteConnection)Connection!).Writer;

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        GoesToWriter ? (await WriteAsync(cancellationToken)).ToReader() : await base.ExecuteDbDataReaderAsync(behavior, cancellationToken);

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        GoesToWriter ? WriteAsync(default).GetAwaiter().GetResult().ToReader() : base.ExecuteDbDataReader(behavior);

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        GoesToWriter ? (await WriteAsync(cancellationToken)).RecordsAffected : await base.ExecuteNonQueryAsync(cancellationToken);

    public override int ExecuteNonQuery() =>
        GoesToWriter ? WriteAsync(default).GetAwaiter().GetResult().RecordsAffected : base.ExecuteNonQuery();

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        GoesToWriter ? (await WriteAsync(cancellationToken)).Scalar : await base.ExecuteScalarAsync(cancellationToken);

    public override object? ExecuteScalar() =>
        GoesToWriter ? WriteAsync(default).GetAwaiter().GetResult().Scalar : base.ExecuteScalar();

    private Task<BufferedResult> WriteAsync(CancellationToken cancellationToken) =>
        Writer.ExecuteAsync(CommandText, Parameters.Cast<SqliteParameter>().ToArray(), cancellationToken, WriteCompanion.Claim());
}
