namespace Lapor.Hub.Storage;

/// <summary>Names the rest of the hub refers to. Pinned: changing one orphans stored data.</summary>
public static class HubStorage
{
    /// <summary>The grain storage every hub grain uses (<c>[PersistentState("…", HubStorage.GrainStorageName)]</c>).</summary>
    public const string GrainStorageName = Lapor.Hub.GrainStorage.Name;

    /// <summary>Orleans' ADO.NET invariant for SQLite; Orleans maps it to Microsoft.Data.Sqlite's <c>SqliteFactory</c>.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>Orleans' ADO.NET invariant for PostgreSQL (Npgsql).</summary>
    public const string PostgreSqlInvariant = "Npgsql";

    /// <summary>The SQLite file name inside <see cref="HubStorageOptions.DataDirectory"/>.</summary>
    public const string SqliteFileName = "lapor-hub.db";

    internal static string InvariantFor(HubStorageProvider provider) => provider switch
    {
        HubStorageProvider.Sqlite => SqliteInvariant,
        HubStorageProvider.PostgreSql => PostgreSqlInvariant,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };
}
