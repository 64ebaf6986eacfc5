using System.Data.Common;
using Lapor.Hub.Reports.ReadModel;

namespace Lapor.Hub.Storage.Reports;

/// <summary>The <c>report_media</c> table on SQLite or PostgreSQL.</summary>
public sealed class SqlReportMediaOwners(IHubDatabase database) : IReportMediaOwners
{
    /// <summary>Longer ids are not the store's and are not recorded.</summary>
    private const int MaxMediaIdLength = 64;

    public async Task RecordAsync(string trackingId, IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await RecordAsync(connection, trackingId, mediaIds, cancellationToken);
    }

    public async Task<string?> FindOwnerAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tracking_id FROM report_media WHERE media_id = @media_id";
        command.Bind("media_id", mediaId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlySet<string>> OwnedAmongAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken = default)
    {
        var owned = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var batch in mediaIds.Chunk(100))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT media_id FROM report_media WHERE media_id IN ({string.Join(", ", batch.Select((_, i) => $"@m{i}"))})";
            for (var i = 0; i < batch.Length; i++)
            {
                command.Bind($"m{i}", batch[i]);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                owned.Add(reader.GetString(0));
            }
        }

        return owned;
    }

    /// <summary>Claims <paramref name="mediaIds"/> for the report; a file another report claimed first stays with it.</summary>
    internal static async Task RecordAsync(DbConnection connection, string trackingId, IEnumerable<string> mediaIds, CancellationToken cancellationToken)
    {
        foreach (var mediaId in mediaIds.Where(id => id.Length is > 0 and <= MaxMediaIdLength).Distinct(StringComparer.Ordinal))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO report_media (media_id, tracking_id) VALUES (@media_id, @tracking_id)
                ON CONFLICT (media_id) DO NOTHING
                """;
            command.Bind("media_id", mediaId);
            command.Bind("tracking_id", trackingId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
