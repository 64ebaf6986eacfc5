using System.Data;
using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// The one connection that writes to a SQLite file in this process. Callers queue write commands; the writer takes
/// every command waiting, runs them in one transaction (a savepoint each, so one failing command fails only its own
/// caller), commits once (one fsync) and only then answers each caller with its own result. No two connections of this
/// process ever want the write lock at once, so none sleeps in Microsoft.Data.Sqlite's 150 ms busy loop.
/// </summary>
internal sealed class SqliteWriter
{
    private const int MaxBatch = 512;
    private const int MaxPreparedCommands = 128;
    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly ConcurrentQueue<WriteRequest> _queue = new();
    private readonly ManualResetEventSlim _work = new(false, spinCount: 0);
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private SqliteConnection? _connection;
    private SqliteCheckpointer? _checkpointer;
    private int _running;

    public SqliteWriter(string connectionString)
    {
        _connectionString = connectionString;
        BusyTimeout = TimeSpan.FromSeconds(new SqliteConnectionStringBuilder(connectionString).DefaultTimeout);
    }

    public SqliteWriteStatistics Statistics { get; } = new();

    /// <summary>How long the writer waits for a write lock held by another process before its callers fail.</summary>
    private TimeSpan BusyTimeout { get; }

    /// <summary>
    /// Runs <paramref name="sql"/> with <paramref name="parameters"/> in the next group commit, with
    /// <paramref name="companion"/> if it changed a row; completes after it committed.
    /// </summary>
    public Task<BufferedResult> ExecuteAsync(
        string sql, IReadOnlyList<SqliteParameter> parameters, CancellationToken cancellationToken, WriteCompanion? companion = null)
    {
        var request = new WriteRequest(sql, parameters, cancellationToken, companion);
        _queue.Enqueue(request);
        _work.Set();
        if (Volatile.Read(ref _running) == 0 && Interlocked.CompareExchange(ref _running, 1, 0) == 0)
        {
            StartThread();
        }

        return request.Completion.Task;
    }

    // A thread of its own, not the thread pool's: under load the pool's queue is long, and every caller of a group
    // commit would wait for the writer's turn in it, once per write (a filing makes three).
    private void StartThread() => new Thread(Run) { IsBackground = true, Name = "SQLite writer" }.Start();

    private void Run()
    {
        var batch = new List<WriteRequest>(MaxBatch);
        while (true)
        {
            if (_queue.IsEmpty && !WaitForWork())
            {
                return;
            }

            batch.Clear();
            while (batch.Count < MaxBatch && _queue.TryDequeue(out var request))
            {
                if (request.Cancellation.IsCancellationRequested)
                {
                    request.Completion.TrySetCanceled(request.Cancellation);
                }
                else
                {
                    batch.Add(request);
                }
            }

            if (batch.Count > 0)
            {
                CommitGuarded(batch);
            }
        }
    }

    // An unexpected failure (a bug, a connection that throws while closing) fails this batch's callers and leaves the
    // writer running: a stopped writer would leave every later write of the process waiting forever.
    private void CommitGuarded(List<WriteRequest> batch)
    {
        try
        {
            Commit(batch);
        }
        catch (Exception exception)
        {
            _connection = null;
            _prepared.Clear();
            _checkpointer?.Dispose();
            _checkpointer = null;
            batch.ForEach(request => request.Completion.TrySetException(exception));
        }
    }

    // Waits for the next command. When none came for a while (a test host, or a quiet night) the connection closes and
    // the thread ends; the next command starts another.
    private bool WaitForWork()
    {
        _work.Reset();
        if (!_queue.IsEmpty || _work.Wait(IdleClose))
        {
            return true;
        }

        try
        {
            CloseConnection();
        }
        catch (Exception)
        {
            // Dropped either way: the next command opens a new connection.
            _connection = null;
        }

        Volatile.Write(ref _running, 0);
        // A command queued while the flag was still set found this thread running: take it on, unless a new thread did.
        return !_queue.IsEmpty && Interlocked.CompareExchange(ref _running, 1, 0) == 0;
    }

    private void Commit(List<WriteRequest> batch)
    {
        SqliteConnection connection;
        try
        {
            connection = Open();
            BeginImmediate(connection);
        }
        catch (Exception exception)
        {
            CloseConnection();
            batch.ForEach(request => request.Completion.TrySetException(exception));
            return;
        }

        var results = new BufferedResult?[batch.Count];
        var errors = new Exception?[batch.Count];
        var companions = new bool[batch.Count];
        var savepoints = batch.Count > 1;
        Exception? lost = null;
        for (var i = 0; i < batch.Count && lost is null; i++)
        {
            try
            {
                if (savepoints)
                {
                    Run(connection, "SAVEPOINT hub_write");
                }

                results[i] = Execute(connection, batch[i]);
                if (batch[i].Companion is { } companion && results[i]!.RecordsAffected > 0)
                {
                    companions[i] = RunCompanion(connection, companion);
                }

                if (savepoints)
                {
                    Run(connection, "RELEASE hub_write");
                }

                Statistics.RecordCommand(succeeded: true);
            }
            catch (Exception exception)
            {
                Statistics.RecordCommand(succeeded: false);
                DiscardPrepared(batch[i].Sql);
                errors[i] = exception;
                lost = RollBackOne(connection, savepoints, exception);
            }
        }

        lost ??= CommitOrRollBack(connection, anySucceeded: results.Any(result => result is not null));
        if (lost is null)
        {
            Statistics.RecordCommit(batch.Count);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (errors[i] is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else if (lost is not null)
            {
                batch[i].Completion.TrySetException(lost);
            }
            else
            {
                if (companions[i])
                {
                    batch[i].Companion!.MarkWritten();
                }

                batch[i].Completion.TrySetResult(results[i]!);
            }
        }
    }

    // A companion that fails is undone alone and fails nobody: its owner writes it on its own afterwards. Only a lost
    // transaction (SQLite rolled it all back) is thrown, to fail the batch like any command would.
    private bool RunCompanion(SqliteConnection connection, WriteCompanion companion)
    {
        Run(connection, "SAVEPOINT hub_companion");
        try
        {
            Execute(connection, companion.Sql, companion.Parameters);
            Run(connection, "RELEASE hub_companion");
            Statistics.RecordCompanion(written: true);
            return true;
        }
        catch (Exception) when (raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            DiscardPrepared(companion.Sql);
            Run(connection, "ROLLBACK TO hub_companion");
            Run(connection, "RELEASE hub_companion");
            Statistics.RecordCompanion(written: false);
            return false;
        }
    }

    // Undoes one failed command. Returns the exception when the whole transaction is gone (SQLite rolls back on
    // some errors, such as a full disk), so every caller of the batch must fail.
    private Exception? RollBackOne(SqliteConnection connection, bool savepoints, Exception exception)
    {
        try
        {
            if (raw.sqlite3_get_autocommit(connection.Handle) != 0)
            {
                return exception;
            }

            if (savepoints)
            {
                Run(connection, "ROLLBACK TO hub_write");
                Run(connection, "RELEASE hub_write");
            }

            return null;
        }
        catch (Exception rollback)
        {
            CloseConnection();
            return rollback;
        }
    }

    private Exception? CommitOrRollBack(SqliteConnection connection, bool anySucceeded)
    {
        try
        {
            Run(connection, anySucceeded ? "COMMIT" : "ROLLBACK");
            return null;
        }
        catch (Exception exception)
        {
            CloseConnection();
            return exception;
        }
    }

    private BufferedResult Execute(SqliteConnection connection, WriteRequest request) => Execute(connection, request.Sql, request.Parameters);

    private BufferedResult Execute(SqliteConnection connection, string sql, IReadOnlyList<SqliteParameter> parameters)
    {
        var command = Prepared(connection, sql);
        try
        {
            foreach (var parameter in parameters)
            {
                command.Parameters.Add(parameter);
            }

            using var reader = command.ExecuteReader(CommandBehavior.Default);
            return BufferedResult.Read(reader);
        }
        finally
        {
            command.Parameters.Clear();
        }
    }

    // Microsoft.Data.Sqlite keeps a command's prepared statements while its text stays the same.
    private SqliteCommand Prepared(SqliteConnection connection, string sql)
    {
        if (_prepared.TryGetValue(sql, out var command))
        {
            return command;
        }

        if (_prepared.Count >= MaxPreparedCommands)
        {
            DisposePrepared();
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _prepared[sql] = command;
        return command;
    }

    // BEGIN IMMEDIATE takes the write lock up front. With SQLite's own busy handler off, a lock held by another process
    // answers SQLITE_BUSY at once: the writer counts it and retries every few milliseconds, never sleeping 150 ms.
    private void BeginImmediate(SqliteConnection connection)
    {
        var deadline = DateTime.UtcNow + BusyTimeout;
        raw.sqlite3_busy_timeout(connection.Handle, 0); // Microsoft.Data.Sqlite sets it again for each command it runs
        while (true)
        {
            var result = raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
            if (result == raw.SQLITE_OK)
            {
                return;
            }

            if (result != raw.SQLITE_BUSY || DateTime.UtcNow > deadline)
            {
                SqliteException.ThrowExceptionForRC(result, connection.Handle);
            }

            Statistics.RecordLockWait();
            Thread.Sleep(2);
        }
    }

    private SqliteConnection Open()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Run(connection, "PRAGMA synchronous=FULL");
            Run(connection, $"PRAGMA wal_autocheckpoint={SqliteCheckpointer.WriterAutoCheckpointPages}");
            _checkpointer = new SqliteCheckpointer(_connectionString);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _connection = connection;
        return connection;
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        var result = raw.sqlite3_exec(connection.Handle, sql);
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, connection.Handle);
        }
    }

    private void CloseConnection()
    {
        DisposePrepared();
        _checkpointer?.Dispose();
        _checkpointer = null;
        if (_connection is { } connection)
        {
            _connection = null;
            try
            {
                if (connection.Handle is { } handle && raw.sqlite3_get_autocommit(handle) == 0)
                {
                    raw.sqlite3_exec(handle, "ROLLBACK");
                }
            }
            catch (SqliteException)
            {
                // The connection is being dropped anyway; its rollback failing changes nothing.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }

    private void DiscardPrepared(string sql)
    {
        if (_prepared.Remove(sql, out var command))
        {
            command.Dispose();
        }
    }

    private void DisposePrepared()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
    }

    private sealed class WriteRequest(
        string sql, IReadOnlyList<SqliteParameter> parameters, CancellationToken cancellation, WriteCompanion? companion)
    {
        public WriteCompanion? Companion { get; } = companion;

        public string Sql { get; } = sql;

        public IReadOnlyList<SqliteParameter> Parameters { get; } = parameters;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<BufferedResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
