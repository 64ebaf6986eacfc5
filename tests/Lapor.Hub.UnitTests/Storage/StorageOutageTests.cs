using Lapor.Hub.Outages;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Runtime;

namespace Lapor.Hub.UnitTests.Storage;

public sealed class StorageOutageTests
{
    public static TheoryData<Exception> Outages() => new()
    {
        new NpgsqlException("Failed to connect to 127.0.0.1:5432"),
        new PostgresException("too many connections for role", "FATAL", "FATAL", "53300"),
        new SqliteException("database is locked", 5),
        // Orleans wraps a grain storage failure.
        new OrleansException("Error from storage provider during WriteState", new NpgsqlException("terminating connection due to administrator command")),
        new AggregateException(new InvalidOperationException("other"), new NpgsqlException("pool exhausted", new TimeoutException())),
        new TimeoutException("Response did not arrive on time"),
        // A cluster node died and is not yet declared dead: calls to its grains are refused for a few seconds.
        new SiloUnavailableException("The target silo became unavailable for message"),
        new OrleansException("Error from the directory", new SiloUnavailableException("Unable to connect to endpoint S127.0.0.1:27248")),
        // A grain on another node failed on the database, and Orleans found no codec to send that exception back.
        new Orleans.Serialization.CodecNotFoundException("Could not find a codec for type Npgsql.PostgresException."),
    };

    public static TheoryData<Exception> Faults() => new()
    {
        new InvalidOperationException("a bug"),
        new ArgumentException("bad input"),
        new OrleansException("no storage involved", new NullReferenceException()),
        new Orleans.Serialization.CodecNotFoundException("Could not find a codec for type Lapor.Hub.Reports.SomethingElse."),
        // The database answered: the statement itself was wrong, and would be wrong again.
        new PostgresException("duplicate key value violates unique constraint", "ERROR", "ERROR", "23505"),
        new PostgresException("relation \"report_index\" does not exist", "ERROR", "ERROR", "42P01"),
        new OrleansException("Error from storage provider", new PostgresException("invalid input syntax for type uuid", "ERROR", "ERROR", "22P02")),
        new SqliteException("UNIQUE constraint failed: report_index.tracking_id", 19),
        new SqliteException("no such table: report_index", 1),
    };

    [Theory]
    [MemberData(nameof(Outages))]
    public void A_database_failure_however_wrapped_is_an_outage(Exception exception) => Assert.True(StorageOutage.Caused(exception));

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_fault_in_the_hub_is_not(Exception exception) => Assert.False(StorageOutage.Caused(exception));
}
