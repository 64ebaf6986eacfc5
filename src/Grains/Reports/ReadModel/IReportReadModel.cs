namespace Lapor.Hub.Reports.ReadModel;

/// <summary>Writes the report query table. Upserts are idempotent by version: an older version never overwrites a newer one.</summary>
public interface IReportReadModel
{
    Task UpsertAsync(ReportIndexEntry entry, CancellationToken cancellationToken = default);

    /// <summary>
    /// Offers <paramref name="entry"/> to the grain-state write that follows in this call, to be written in the same
    /// transaction if that write stores its row (one commit for a change instead of two). Dispose it after that write;
    /// unless it says <see cref="IndexWithState.Written"/>, call <see cref="UpsertAsync"/> as usual.
    /// </summary>
    IndexWithState WriteWithNextState(ReportIndexEntry entry) => IndexWithState.NotOffered;
}

/// <summary>A query-table row offered to the next grain-state write; see <see cref="IReportReadModel.WriteWithNextState"/>.</summary>
public abstract class IndexWithState : IDisposable
{
    /// <summary>For a database that cannot join the two writes: never written.</summary>
    public static IndexWithState NotOffered { get; } = new Never();

    /// <summary>True once the state write it was offered to has committed with it.</summary>
    public abstract bool Written { get; }

    public abstract void Dispose();

    private sealed class Never : IndexWithState
    {
        public override bool Written => false;

        public override void Dispose()
        {
        }
    }
}
