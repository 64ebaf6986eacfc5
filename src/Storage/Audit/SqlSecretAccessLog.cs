using Lapor.Hub.Audit;

namespace Lapor.Hub.Storage.Audit;

/// <summary>The secret-access log in <c>secret_access_audit</c>: rows are only ever added.</summary>
internal sealed class SqlSecretAccessLog(IHubDatabase database) : ISecretAccessLog
{
    public async Task AppendAsync(SecretAccessEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO secret_access_audit (at, tracking_id, viewer_kind, viewer_id, agency_code, via)
            VALUES (@at, @tracking_id, @viewer_kind, @viewer_id, @agency_code, @via)
            """;
        command.Bind("at", database.Timestamp(entry.At));
        command.Bind("tracking_id", entry.TrackingId);
        command.Bind("viewer_kind", entry.ViewerKind);
        command.Bind("viewer_id", entry.ViewerId);
        command.Bind("agency_code", entry.AgencyCode);
        command.Bind("via", entry.Via);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SecretAccessEntry>> ReadAsync(string? trackingId, int limit, int offset, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = trackingId is null ? "" : " WHERE tracking_id = @tracking_id";
        command.CommandText = $"""
            SELECT at, tracking_id, viewer_kind, viewer_id, agency_code, via FROM secret_access_audit{where}
            ORDER BY id DESC LIMIT @limit OFFSET @offset
            """;
        if (trackingId is not null)
        {
            command.Bind("tracking_id", trackingId);
        }

        command.Bind("limit", Math.Clamp(limit, 1, 500));
        command.Bind("offset", Math.Max(offset, 0));
        var entries = new List<SecretAccessEntry>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            entries.Add(new SecretAccessEntry(r.GetTimestamp(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetNullableString(4), r.GetString(5)));
        }

        return entries;
    }
}
