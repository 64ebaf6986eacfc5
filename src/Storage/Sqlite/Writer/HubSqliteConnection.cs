using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// A read connection of the hub (Orleans' and the hub's own code get these). It is <c>query_only</c>: its commands
/// send every write to the <see cref="SqliteWriter"/>, and a write that slipped past would fail at once instead of
/// waiting for the write lock. An explicit transaction is the exception: it writes here, under BEGIN IMMEDIATE.
/// </summary>
internal sealed class HubSqliteConnection(string connectionString, SqliteWriter writer, SemaphoreSlim openSlots) : SqliteConnection(connectionString)
{
    // The pooled SQLite handles that are query_only already: a read then opens without a PRAGMA of its own.
    private static readonly ConditionalWeakTable<sqlite3, object> QueryOnlyHandles = [];

    private bool _holdsSlot;

    public SqliteWriter Writer { get; } = writer;

    internal SqliteTransaction? CurrentTransaction => Transaction;

    /// <summary>False while opening: Microsoft.Data.Sqlite's own set-up (PRAGMA foreign_keys) belongs to this connection.</summary>
    internal bool SendsWritesToWriter { get; private set; }

    public override void Open()
    {
        if (!_holdsSlot && !openSlots.Wait(TimeSpan.FromSeconds(DefaultTimeout)))
        {
            throw SlotTimeout();
        }

        _holdsSlot = true;
        OpenHoldingSlot();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (!_holdsSlot && !await openSlots.WaitAsync(TimeSpan.FromSeconds(DefaultTimeout), cancellationToken))
        {
            throw SlotTimeout();
        }

        _holdsSlot = true;
        OpenHoldingSlot();
    }

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            ReleaseSlot();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            ReleaseSlot();
        }
    }

    private void OpenHoldingSlot()
    {
        try
        {
            SendsWritesToWriter = false;
            base.Open();
            if (!QueryOnlyHandles.TryGetValue(Handle!, out _))
            {
                SetQueryOnly(true);
                QueryOnlyHandles.AddOrUpdate(Handle!, QueryOnlyHandles);
            }

            SendsWritesToWriter = true;
        }
        catch
        {
            base.Close();
            ReleaseSlot();
            throw;
        }
    }

    private void ReleaseSlot()
    {
        if (_holdsSlot)
        {
            _holdsSlot = false;
            openSlots.Release();
        }
    }

    private TimeoutException SlotTimeout() =>
        new($"No SQLite read connection came free within {DefaultTimeout} s: {HubSqliteDataSource.MaxOpenConnections} are open and busy.");

    public override SqliteCommand CreateCommand() => new HubSqliteCommand
    {
        Connection = this,
        CommandTimeout = DefaultTimeout,
        Transaction = Transaction,
    };

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred)
    {
        // Rare (the hub's own code writes single statements); such a transaction may wait for the writer's lock.
        Writer.Statistics.RecordLocalTransaction();
        SetQueryOnly(false);
        // Microsoft.Data.Sqlite sends BEGIN through this connection's CreateCommand: it must run here, not in the writer's batch.
        SendsWritesToWriter = false;
        try
        {
            return base.BeginTransaction(isolationLevel, deferred: false);
        }
        finally
        {
            SendsWritesToWriter = true;
        }
    }

    private void SetQueryOnly(bool on)
    {
        if (!on)
        {
            // Back in the pool this handle must be made query_only again by the next open.
            QueryOnlyHandles.Remove(Handle!);
        }

        using var command = new SqliteCommand(on ? "PRAGMA query_only=1" : "PRAGMA query_only=0; PRAGMA foreign_keys=1", this);
        command.ExecuteNonQuery();
    }
}
