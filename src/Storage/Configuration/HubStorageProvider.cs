namespace Lapor.Hub.Storage;

/// <summary>The database behind grain state, reminders, clustering and the query tables.</summary>
public enum HubStorageProvider
{
    /// <summary>One file under the data directory: one machine, no set-up.</summary>
    Sqlite,

    /// <summary>Production and multi-silo clusters.</summary>
    PostgreSql,
}
