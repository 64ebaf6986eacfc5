using System.Data.Common;
using Orleans.Serialization;

namespace Lapor.Hub.Outages;

/// <summary>
/// Tells a storage outage (the database down, refusing logins, or its connection pool exhausted) from a fault in the
/// hub, so the doors answer 503 with <c>Retry-After</c> instead of 500: the request may be sent again as it was.
/// </summary>
public static class StorageOutage
{
    /// <summary>What <c>Retry-After</c> says while the database is unavailable: long enough for a restart to begin.</summary>
    public const int RetryAfterSeconds = 5;

    // Orleans may carry an exception whose type it cannot recreate as a fallback that keeps only the type's name.
    private static readonly string[] DatabaseExceptionTypes = ["Npgsql.", "Microsoft.Data.Sqlite.", "System.Data.Common.DbException"];

    /// <summary>True when <paramref name="exception"/>, or one it wraps, comes from the database or from waiting on it.</summary>
    public static bool Caused(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException || NamesDatabaseType(current))
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

    private static bool NamesDatabaseType(Exception exception) =>
        exception is UnavailableExceptionFallbackException { ExceptionType: { } type }
        && DatabaseExceptionTypes.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal));
}
