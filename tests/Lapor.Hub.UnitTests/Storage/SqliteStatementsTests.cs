using Lapor.Hub.Storage.Sqlite.Writer;

namespace Lapor.Hub.Tests.Storage;

/// <summary>Which commands the SQLite writer must run (ADR 32): anything that is not plainly a read.</summary>
public sealed class SqliteStatementsTests
{
    [Theory]
    [InlineData("SELECT 1")]
    [InlineData("  -- a comment\n select PayloadBinary, Version FROM OrleansStorage WHERE GrainIdHash = @GrainIdHash LIMIT 1;")]
    [InlineData("/* count */ SELECT COUNT(*) FROM report_index; SELECT status FROM report_index")]
    [InlineData("SELECT 'a; DELETE FROM x' AS text")]
    [InlineData("VALUES (1)")]
    public void Reads_run_on_their_own_connection(string sql) => Assert.True(SqliteStatements.IsReadOnly(sql));

    [Theory]
    [InlineData("INSERT INTO notes (note) VALUES (@note)")]
    [InlineData("UPDATE OrleansStorage SET Version = Version + 1 RETURNING Version; INSERT INTO OrleansStorage SELECT 1")]
    [InlineData("DELETE FROM OrleansRemindersTable WHERE Version = @Version; SELECT changes() > 0;")]
    [InlineData("SELECT 1; DELETE FROM notes")]
    [InlineData("WITH gone AS (SELECT 1) DELETE FROM notes")]
    [InlineData("REPLACE INTO notes VALUES (1, 'x')")]
    [InlineData("CREATE TABLE notes (id integer)")]
    [InlineData("SELECTED_TABLE_INSERT")]
    public void Anything_else_goes_to_the_writer(string sql) => Assert.False(SqliteStatements.IsReadOnly(sql));

    [Theory]
    [InlineData("PRAGMA foreign_keys = 1", true)]
    [InlineData("  pragma query_only=1", true)]
    [InlineData("SELECT 1", false)]
    public void Pragmas_stay_on_their_connection(string sql, bool pragma) => Assert.Equal(pragma, SqliteStatements.IsPragma(sql));
}
