namespace Lapor.Hub.Storage;

/// <summary>How many PostgreSQL connections one hub node may hold. Bound from <c>Storage:PostgreSql</c>.</summary>
public sealed class PostgresPoolOptions
{
    /// <summary>The configuration section, under <see cref="HubStorageOptions.SectionName"/>.</summary>
    public const string SectionName = "PostgreSql";

    /// <summary>How many hub nodes share the database; each takes an equal part of its connections.</summary>
    public int Nodes { get; set; } = 1;

    /// <summary>A fixed pool size per node; when unset it is derived from the server's and the role's limits.</summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>Connections left over for everyone else: psql, migrations, monitoring, backups.</summary>
    public int Headroom { get; set; } = 5;

    /// <summary>How long a caller waits for a free pooled connection (and for a new one to open) before it fails.</summary>
    public int PoolTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// How many distinct statements each connection keeps prepared on the server (Npgsql's automatic preparation, least
    /// recently used dropped first); 0 turns it off. A statement is prepared from its fifth use on a connection.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;

    internal IEnumerable<string> Problems()
    {
        if (Nodes < 1)
        {
            yield return $"{Key(nameof(Nodes))} must be at least 1.";
        }

        if (MaxPoolSize is < 1)
        {
            yield return $"{Key(nameof(MaxPoolSize))} must be at least 1.";
        }

        if (Headroom < 0)
        {
            yield return $"{Key(nameof(Headroom))} must not be negative.";
        }

        if (MaxAutoPrepare < 0)
        {
            yield return $"{Key(nameof(MaxAutoPrepare))} must not be negative (0 turns automatic preparation off).";
        }

        if (PoolTimeoutSeconds < 1)
        {
            yield return $"{Key(nameof(PoolTimeoutSeconds))} must be at least 1.";
        }
    }

    private static string Key(string name) => $"{HubStorageOptions.SectionName}:{SectionName}:{name}";
}
