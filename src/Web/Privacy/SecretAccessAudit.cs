using Lapor.Hub.Reports.Access;
using Lapor.Hub.Storage;

namespace Lapor.Hub.Web.Privacy;

public sealed record SecretAccess(DateTimeOffset At, string TrackingId, ViewerKind ViewerKind, string ViewerId, string? AgencyCode, string Via);

/// <summary>The append-only record of who opened which secret report, in <c>secret_access_audit</c>.</summary>
public sealed class SecretAccessAudit(IHubDatabase database, TimeProvider clock)
{
    public const int MaxViaLength = 200;

    public async Task RecordAsync(string trackingId, Viewer viewer, string via, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO secret_access_audit (at, tracking_id, viewer_kind, viewer_id, agency_code, via)
            VALUES (@at, @tracking_id, @viewer_kind, @viewer_id, @agency_code, @via)
            """;
        command.Bind("at", database.Timestamp(clock.GetUtcNow()));
        command.Bind("tracking_id", trackingId);
        command.Bind("viewer_kind", viewer.Kind.ToString());
        command.Bind("viewer_id", viewer.Id.Length <= 100 ? viewer.Id : viewer.Id[..100]);
        command.Bind("agency_code", viewer.AgencyCode);
        command.Bind("via", via.Length <= MaxViaLength ? via : via[..MaxViaLength]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest first; optionally only one report's accesses.</summary>
    public async Task<IReadOnlyList<SecretAccess>> ReadAsync(string? trackingId, int limit, int offset, CancellationToken cancellationToken = default)
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
        var accesses = new List<SecretAccess>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            accesses.Add(new SecretAccess(r.GetTimestamp(0), r.GetString(1), Enum.Parse<ViewerKind>(r.GetString(2)), r.GetString(3),
                r.GetNullableString(4), r.GetString(5)));
        }

        return accesses;
    }
}
