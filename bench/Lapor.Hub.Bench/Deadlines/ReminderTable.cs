using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>The reminder table's size as the hub left it.</summary>
internal sealed record ReminderTableFacts(long DeadlineRows, long OtherRows, long TableBytes, long DatabaseBytes)
{
    public long Rows => DeadlineRows + OtherRows;
}

/// <summary>The Orleans reminder table in the hub's SQLite file (read and moved while the hub is stopped).</summary>
internal static class ReminderTable
{
    public static string DatabasePath(string dataDirectory) => Path.Combine(dataDirectory, "lapor-hub.db");

    public static async Task<ReminderTableFacts> FactsAsync(string dataDirectory)
    {
        await using var connection = await OpenAsync(dataDirectory);
        var deadlines = await ScalarAsync(connection, "SELECT count(*) FROM OrleansRemindersTable WHERE ReminderName LIKE 'deadline-%'");
        var all = await ScalarAsync(connection, "SELECT count(*) FROM OrleansRemindersTable");
        var tableBytes = await IsolatedSizeAsync(dataDirectory);
        var databaseBytes = Directory.GetFiles(dataDirectory, "lapor-hub.db*").Sum(file => new FileInfo(file).Length);
        return new ReminderTableFacts(deadlines, all - deadlines, tableBytes, databaseBytes);
    }

    /// <summary>
    /// Moves the first tick of <paramref name="count"/> deadline reminders (rows the hub wrote) to <paramref name="start"/>
    /// + i / <paramref name="perSecond"/>, as if the node had stayed down until they came due. Returns how many it moved.
    /// </summary>
    public static async Task<int> MoveFirstTicksAsync(string dataDirectory, int skip, int count, DateTime start, double perSecond)
    {
        await using var connection = await OpenAsync(dataDirectory);
        var rowIds = new List<long>(count);
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT rowid FROM OrleansRemindersTable WHERE ReminderName LIKE 'deadline-%' ORDER BY rowid LIMIT $count OFFSET $skip";
            select.Parameters.AddWithValue("$count", count);
            select.Parameters.AddWithValue("$skip", skip);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rowIds.Add(reader.GetInt64(0));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE OrleansRemindersTable SET StartTime = $start WHERE rowid = $rowid";
        var startParameter = update.Parameters.Add("$start", SqliteType.Text);
        var rowIdParameter = update.Parameters.Add("$rowid", SqliteType.Integer);
        for (var i = 0; i < rowIds.Count; i++)
        {
            // Bound as a DateTime, like the ADO.NET reminder table binds StartAt, so the stored text has the same form.
            startParameter.Value = start.AddTicks((long)(i * TimeSpan.TicksPerSecond / perSecond));
            rowIdParameter.Value = rowIds[i];
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return rowIds.Count;
    }

    /// <summary>
    /// The table with its two indexes on disk: copied alone into a fresh SQLite file with the hub's schema (this SQLite
    /// build has no dbstat), so the file's size is the table's.
    /// </summary>
    private static async Task<long> IsolatedSizeAsync(string dataDirectory)
    {
        var copy = Path.Combine(dataDirectory, "reminders-only.db");
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ATTACH DATABASE '{DatabasePath(dataDirectory)}' AS hub";
            await command.ExecuteNonQueryAsync();
            foreach (var sql in await SchemaAsync(connection))
            {
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }

            command.CommandText = "INSERT INTO main.OrleansRemindersTable SELECT * FROM hub.OrleansRemindersTable; DETACH DATABASE hub; VACUUM;";
            await command.ExecuteNonQueryAsync();
        }

        var bytes = new FileInfo(copy).Length;
        File.Delete(copy);
        return bytes;
    }

    private static async Task<IReadOnlyList<string>> SchemaAsync(SqliteConnection connection)
    {
        var statements = new List<string>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM hub.sqlite_master WHERE tbl_name = 'OrleansRemindersTable' AND sql IS NOT NULL ORDER BY type DESC";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            statements.Add(reader.GetString(0));
        }

        return statements;
    }

    public static async Task<string?> SampleStartTimeAsync(string dataDirectory)
    {
        await using var connection = await OpenAsync(dataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT StartTime FROM OrleansRemindersTable LIMIT 1";
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task<SqliteConnection> OpenAsync(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath(dataDirectory), Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
