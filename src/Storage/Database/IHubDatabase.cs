using System.Data.Common;

namespace Lapor.Hub.Storage;

/// <summary>The hub's own database (the same one Orleans uses), for the project's own tables.</summary>
public interface IHubDatabase
{
    HubStorageProvider Provider { get; }

    /// <summary>An open connection; the caller disposes it. SQL differs by <see cref="Provider"/>: parameters are named <c>@Name</c> in both.</summary>
    Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Whether a connection can be opened and answer a query now (for /readyz). Never throws.</summary>
    Task<bool> IsReachableAsync(CancellationToken cancellationToken = default);
}
