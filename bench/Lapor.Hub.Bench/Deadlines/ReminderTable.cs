using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>The reminder table's size as the hub left it.</summary>
internal sealed record ReminderTableFacts(long DeadlineRows, long OtherRows, long? TableBytes, long DatabaseBytes)
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
        long? tableBytes;
        try
        {
            // The table and both its indexes (the primary key's and the grain-hash range index), in pages on disk.
            tableBytes = await ScalarAsync(connection,
                "SELECT sum(pgsize) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'OrleansRemindersTable')");
        }
        catch (SqliteException)
        {
            tableBytes = null;
        }

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
        var keys = new List<(string GrainId, string Name)>(count);
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT GrainId, ReminderName FROM OrleansRemindersTable WHERE ReminderName LIKE 'deadline-%' ORDER BY rowid LIMIT $count OFFSET $skip";
            select.Parameters.AddWithValue("$count", count);
            select.Parameters.AddWithValue("$skip", skip);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                keys.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE OrleansRemindersTable SET StartTime = $start WHERE GrainId = $grain AND ReminderName = $name";
        var startParameter = update.Parameters.Add("$start", SqliteType.Text);
        var grainParameter = update.Parameters.Add("$grain", SqliteType.Text);
        var nameParameter = update.Parameters.Add("$name", SqliteType.Text);
        for (var i = 0; i < keys.Count; i++)
        {
            // Bound as a DateTime, like the ADO.NET reminder table binds StartAt, so the stored text has the same form.
            startParameter.Value = start.AddTicks((long)(i * TimeSpan.TicksPerSecond / perSecond));
            grainParameter.Value = keys[i].GrainId;
            nameParameter.Value = keys[i].Name;
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return keys.Count;
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
