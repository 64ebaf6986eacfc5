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
