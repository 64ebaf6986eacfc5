namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>Counters of one <see cref="SqliteWriter"/>, for tests and the bench. Read them with <see cref="Snapshot"/>.</summary>
internal sealed class SqliteWriteStatistics
{
    private long _commits;
    private long _commands;
    private long _failedCommands;
    private long _largestBatch;
    private long _lockWaits;
    private long _localTransactions;
    private long _companionsWritten;
    private long _companionsFailed;

    public void RecordCommit(int commands)
    {
        Interlocked.Increment(ref _commits);
        long largest;
        while (commands > (largest = Interlocked.Read(ref _largestBatch))
               && Interlocked.CompareExchange(ref _largestBatch, commands, largest) != largest)
        {
        }
    }

    public void RecordCommand(bool succeeded)
    {
        Interlocked.Increment(ref _commands);
        if (!succeeded)
        {
            Interlocked.Increment(ref _failedCommands);
        }
    }

    public void RecordCompanion(bool written) => Interlocked.Increment(ref written ? ref _companionsWritten : ref _companionsFailed);

    public void RecordLockWait() => Interlocked.Increment(ref _lockWaits);

    public void RecordLocalTransaction() => Interlocked.Increment(ref _localTransactions);

    public Snapshot Read() => new(
        Interlocked.Read(ref _commits), Interlocked.Read(ref _commands), Interlocked.Read(ref _failedCommands),
        Interlocked.Read(ref _largestBatch), Interlocked.Read(ref _lockWaits), Interlocked.Read(ref _localTransactions),
        Interlocked.Read(ref _companionsWritten), Interlocked.Read(ref _companionsFailed));

    /// <param name="Commits">Transactions the writer committed: one WAL fsync each (synchronous=FULL).</param>
    /// <param name="Commands">Write commands it ran (an Orleans state write is one command of one or two statements).</param>
    /// <param name="FailedCommands">Commands that failed and were rolled back to their savepoint.</param>
    /// <param name="LargestBatch">The most commands that shared one commit.</param>
    /// <param name="LockWaits">Times the writer found the write lock held (by another process: in this one it is the only writer).</param>
    /// <param name="LocalTransactions">Explicit transactions opened on a hub connection, which write outside the writer.</param>
    /// <param name="CompanionsWritten">Statements written with the command they rode with (<see cref="WriteCompanion"/>).</param>
    /// <param name="CompanionsFailed">Companions that failed and were undone alone, leaving their command written.</param>
    public sealed record Snapshot(
        long Commits, long Commands, long FailedCommands, long LargestBatch, long LockWaits, long LocalTransactions,
        long CompanionsWritten, long CompanionsFailed);
}
