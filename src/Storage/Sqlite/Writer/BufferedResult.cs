using System.Collections;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lapor.Hub.Storage.Sqlite.Writer;

/// <summary>
/// What a write command returned (RETURNING rows, <c>SELECT changes()</c>, rows affected), read in full on the writer
/// before its transaction commits, so the caller can read it after the commit without holding the write connection.
/// </summary>
internal sealed class BufferedResult
{
    private BufferedResult(IReadOnlyList<ResultSet> resultSets, int recordsAffected)
    {
        ResultSets = resultSets;
        RecordsAffected = recordsAffected;
    }

    public IReadOnlyList<ResultSet> ResultSets { get; }

    public int RecordsAffected { get; }

    /// <summary>The first column of the first row, as <c>ExecuteScalar</c> answers; null when there is none.</summary>
    public object? Scalar => ResultSets.FirstOrDefault(set => set.Rows.Count > 0) is { } set ? set.Rows[0][0] : null;

    public static BufferedResult Read(SqliteDataReader reader)
    {
        var sets = new List<ResultSet>();
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object[]>();
            while (reader.Read())
            {
                var values = new object[names.Length];
                reader.GetValues(values);
                rows.Add(values);
            }

            sets.Add(new ResultSet(names, rows));
        }
        while (reader.NextResult());

        reader.Close();
        return new BufferedResult(sets, reader.RecordsAffected);
    }

    public DbDataReader ToReader() => new BufferedDataReader(this);

    internal sealed record ResultSet(string[] Names, List<object[]> Rows);
}

/// <summary>A <see cref="DbDataReader"/> over a <see cref="BufferedResult"/>; values are those SQLite returned (long, double, string, byte[], DBNull).</summary>
internal sealed class BufferedDataReader(BufferedResult result) : DbDataReader
{
    private int _set;
    private int _row = -1;
    private bool _closed;

    private BufferedResult.ResultSet? Current => _set < result.ResultSets.Count ? result.ResultSets[_set] : null;

    private object[] Row => Current is { } set && _row >= 0 && _row < set.Rows.Count
        ? set.Rows[_row]
        : throw new InvalidOperationException("No current row.");

    public override int Depth => 0;

    public override int FieldCount => Current?.Names.Length ?? 0;

    public override bool HasRows => Current is { Rows.Count: > 0 };

    public override bool IsClosed => _closed;

    public override int RecordsAffected => result.RecordsAffected;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => Current is { } set && ++_row < set.Rows.Count;

    public override bool NextResult()
    {
        _set++;
        _row = -1;
        return Current is not null;
    }

    public override void Close() => _closed = true;

    public override string GetName(int ordinal) => (Current ?? throw new InvalidOperationException("No result set.")).Names[ordinal];

    public override int GetOrdinal(string name)
    {
        var names = Current?.Names ?? [];
        var exact = Array.IndexOf(names, name);
        if (exact >= 0)
        {
            return exact;
        }

        var ignoringCase = Array.FindIndex(names, candidate => string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase));
        return ignoringCase >= 0 ? ignoringCase : throw new IndexOutOfRangeException(name);
    }

    public override object GetValue(int ordinal) => Row[ordinal];

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, Row.Length);
        Array.Copy(Row, values, count);
        return count;
    }

    public override bool IsDBNull(int ordinal) => Row[ordinal] is DBNull;

    public override Type GetFieldType(int ordinal) =>
        Current?.Rows.Select(row => row[ordinal]).FirstOrDefault(value => value is not DBNull)?.GetType() ?? typeof(object);

    public override string GetDataTypeName(int ordinal) => GetFieldType(ordinal) switch
    {
        var type when type == typeof(long) => "INTEGER",
        var type when type == typeof(double) => "REAL",
        var type when type == typeof(string) => "TEXT",
        var type when type == typeof(byte[]) => "BLOB",
        _ => "NULL",
    };

    public override bool GetBoolean(int ordinal) => Convert.ToBoolean(Row[ordinal], CultureInfo.InvariantCulture);

    public override byte GetByte(int ordinal) => Convert.ToByte(Row[ordinal], CultureInfo.InvariantCulture);

    public override char GetChar(int ordinal) => Convert.ToChar(Row[ordinal], CultureInfo.InvariantCulture);

    public override DateTime GetDateTime(int ordinal) => Row[ordinal] is string text
        ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
        : Convert.ToDateTime(Row[ordinal], CultureInfo.InvariantCulture);

    public override decimal GetDecimal(int ordinal) => Convert.ToDecimal(Row[ordinal], CultureInfo.InvariantCulture);

    public override double GetDouble(int ordinal) => Convert.ToDouble(Row[ordinal], CultureInfo.InvariantCulture);

    public override float GetFloat(int ordinal) => Convert.ToSingle(Row[ordinal], CultureInfo.InvariantCulture);

    public override Guid GetGuid(int ordinal) => Row[ordinal] switch
    {
        byte[] bytes => new Guid(bytes),
        var value => Guid.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!),
    };

    public override short GetInt16(int ordinal) => Convert.ToInt16(Row[ordinal], CultureInfo.InvariantCulture);

    public override int GetInt32(int ordinal) => Convert.ToInt32(Row[ordinal], CultureInfo.InvariantCulture);

    public override long GetInt64(int ordinal) => Convert.ToInt64(Row[ordinal], CultureInfo.InvariantCulture);

    public override string GetString(int ordinal) => Convert.ToString(Row[ordinal], CultureInfo.InvariantCulture)!;

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length)
    {
        var bytes = (byte[])Row[ordinal];
        if (buffer is null)
        {
            return bytes.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, bytes.Length - dataOffset));
        Array.Copy(bytes, dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length)
    {
        var text = GetString(ordinal);
        if (buffer is null)
        {
            return text.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, text.Length - dataOffset));
        text.CopyTo((int)dataOffset, buffer, bufferOffset, count);
        return count;
    }

    public override Stream GetStream(int ordinal) => new MemoryStream((byte[])Row[ordinal], writable: false);

    public override T GetFieldValue<T>(int ordinal)
    {
        var value = Row[ordinal];
        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is DBNull)
        {
            return default(T) is null ? default! : throw new InvalidCastException($"Column {ordinal} is NULL.");
        }

        object converted = target switch
        {
            _ when target == typeof(Stream) => GetStream(ordinal),
            _ when target == typeof(DateTime) => GetDateTime(ordinal),
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.Parse(GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ when target == typeof(Guid) => GetGuid(ordinal),
            _ when target.IsEnum => Enum.ToObject(target, Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            _ => Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
        };
        return (T)converted;
    }

    public override IEnumerator GetEnumerator() => new DbEnumerator(this, closeReader: false);
}
