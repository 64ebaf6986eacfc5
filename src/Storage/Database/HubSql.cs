using System.Data.Common;
using System.Globalization;

namespace Lapor.Hub.Storage;

/// <summary>The few things the hub's own SQL does differently on SQLite and PostgreSQL, in one place.</summary>
public static class HubSql
{
    public static void Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    /// <summary>SQLite keeps instants as fixed-width ISO-8601 UTC text (which sorts correctly); PostgreSQL as timestamptz.</summary>
    public static object Timestamp(this IHubDatabase database, DateTimeOffset value) => database.Provider == HubStorageProvider.Sqlite
        ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)
        : value.ToUniversalTime();

    public static DateTimeOffset GetTimestamp(this DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
        DateTimeOffset value => value,
        var other => throw new InvalidCastException($"Unexpected timestamp value '{other}'."),
    };

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
