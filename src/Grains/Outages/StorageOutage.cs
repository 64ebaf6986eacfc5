using System.Data.Common;
using Orleans.Serialization;

namespace Lapor.Hub.Outages;

/// <summary>
/// Tells a storage outage (the database down, refusing logins, or its connection pool exhausted) from a fault in the
/// hub, so the doors answer 503 with <c>Retry-After</c> instead of 500: the request may be sent again as it was.
/// A cluster node that died and is not yet declared dead is the same kind of outage (ADR 33): a call to a grain that
/// lived there is refused (<see cref="OrleansMessageRejectionException"/>, <see cref="SiloUnavailableException"/>)
/// until the survivors take its grains over, seconds later.
/// </summary>
public static class StorageOutage
{
    /// <summary>What <c>Retry-After</c> says while the database is unavailable: long enough for a restart to begin.</summary>
    public const int RetryAfterSeconds = 5;

    // Orleans may carry an exception whose type it cannot recreate as a fallback that keeps only the type's name.
    private static readonly string[] DatabaseExceptionTypes = ["Npgsql.", "Microsoft.Data.Sqlite.", "System.Data.Common.DbException"];

    /// <summary>True when <paramref name="exception"/>, or one it wraps, comes from the database, from waiting on it, or from a node that is gone.</summary>
    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException database && IsFaultInTheHub(database))
            {
                return false;
            }

            if (current is DbException or TimeoutException or OrleansMessageRejectionException || NamesDatabaseType(current))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(Caused))
            {
                return true;
            }
        }

        return false;
    }

    // The database answered, and the statement was wrong: a broken constraint, bad data, SQL that does not fit the schema.
    // Sending the same request again would fail the same way, so it is a 500, not a 503 that invites retries.
    private static bool IsFaultInTheHub(DbException exception) => exception.SqlState is { Length: 5 } state
        ? state.StartsWith("22", StringComparison.Ordinal) || state.StartsWith("23", StringComparison.Ordinal) || state.StartsWith("42", StringComparison.Ordinal)
        : SqliteErrorCode(exception) is { } code && SqliteFaults.Contains(code);

    // This project does not reference Microsoft.Data.Sqlite; its exception carries SQLite's result code in SqliteErrorCode.
    private static int? SqliteErrorCode(DbException exception) =>
        exception.GetType().FullName == "Microsoft.Data.Sqlite.SqliteException"
            ? exception.GetType().GetProperty("SqliteErrorCode")?.GetValue(exception) as int?
            : null;

    // SQLITE_ERROR (SQL error or missing table), SQLITE_CONSTRAINT, SQLITE_MISMATCH, SQLITE_RANGE.
    private static readonly int[] SqliteFaults = [1, 19, 20, 25];

    // Across silos Orleans may also fail to serialize a grain's database exception at all (it has no codec for
    // Npgsql.PostgresException) and hand the caller a CodecNotFoundException naming the type instead.
    private static bool NamesDatabaseType(Exception exception) => exception switch
    {
        UnavailableExceptionFallbackException { ExceptionType: { } type } =>
            DatabaseExceptionTypes.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal)),
        CodecNotFoundException { Message: { } message } =>
            DatabaseExceptionTypes.Any(prefix => message.Contains($"type {prefix}", StringComparison.Ordinal)),
        _ => false,
    };
}
