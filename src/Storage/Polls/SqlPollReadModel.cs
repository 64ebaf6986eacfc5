using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Storage.Polls;

/// <summary>
/// The poll query table on SQLite or PostgreSQL: the lists and the public results read it, never the grains. The audience
/// and the tallies are stored as JSON; an older version never overwrites a newer one.
/// </summary>
public sealed class SqlPollReadModel(IHubDatabase database) : IPollReadModel, IPollQueries
{
    private const string Columns =
        "poll_id, version, agency_code, status, question, opens_at, closes_at, closed_at, audience_json, " +
        "results_before_close, results_json, updated_at";

    private const string UpsertSql = $"""
        INSERT INTO poll_index ({Columns}, total_votes)
        VALUES (@poll_id, @version, @agency_code, @status, @question, @opens_at, @closes_at, @closed_at, @audience_json,
                @results_before_close, @results_json, @updated_at, @total_votes)
        ON CONFLICT (poll_id) DO UPDATE SET
            version = excluded.version, agency_code = excluded.agency_code, status = excluded.status,
            question = excluded.question, opens_at = excluded.opens_at, closes_at = excluded.closes_at,
            closed_at = excluded.closed_at, audience_json = excluded.audience_json,
            results_before_close = excluded.results_before_close, results_json = excluded.results_json,
            updated_at = excluded.updated_at, total_votes = excluded.total_votes
        WHERE poll_index.version < excluded.version
        """;

    private static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public async Task UpsertAsync(PollIndexEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        command.Bind("poll_id", entry.PollId);
        command.Bind("version", entry.Version);
        command.Bind("agency_code", entry.AgencyCode);
        command.Bind("status", entry.Status.ToString());
        command.Bind("question", entry.Question);
        command.Bind("opens_at", database.Timestamp(entry.OpensAt));
        command.Bind("closes_at", database.Timestamp(entry.ClosesAt));
        command.Bind("closed_at", entry.ClosedAt is { } closed ? database.Timestamp(closed) : null);
        command.Bind("audience_json", JsonSerializer.Serialize(entry.Audience, Json));
        command.Bind("results_before_close", entry.ResultsBeforeClose);
        command.Bind("results_json", JsonSerializer.Serialize(entry.Results, Json));
        command.Bind("updated_at", database.Timestamp(entry.UpdatedAt));
        command.Bind("total_votes", entry.Results.Total);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Newest closing time first (open polls close after closed ones did), then by ID for a stable order.</summary>
    public async Task<IReadOnlyList<PollIndexEntry>> ListAsync(PollListQuery query, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, PollListQuery.MaxPageSize);
        var page = Math.Max(query.Page, 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = Filter(command, query);
        command.CommandText = $"SELECT {Columns} FROM poll_index{where} ORDER BY closes_at DESC, poll_id LIMIT @limit OFFSET @offset";
        command.Bind("limit", pageSize);
        command.Bind("offset", (long)(page - 1) * pageSize); // a huge page number must not wrap to a negative offset
        var items = new List<PollIndexEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(Read(reader));
        }

        return items;
    }

    public async Task<PollIndexEntry?> FindAsync(string pollId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM poll_index WHERE poll_id = @poll_id";
        command.Bind("poll_id", pollId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private static string Filter(DbCommand command, PollListQuery query)
    {
        var conditions = new List<string>();
        if (query.AgencyCode is { } agencyCode)
        {
            conditions.Add("agency_code = @f_agency");
            command.Bind("f_agency", agencyCode);
        }

        if (query.StatusIn is { Count: > 0 } statuses)
        {
            conditions.Add($"status IN ({string.Join(", ", statuses.Select((_, i) => $"@f_status_{i}"))})");
            for (var i = 0; i < statuses.Count; i++)
            {
                command.Bind($"f_status_{i}", statuses[i].ToString());
            }
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private static PollIndexEntry Read(DbDataReader r) => new(
        PollId: r.GetString(0),
        Version: r.GetInt32(1),
        AgencyCode: r.GetString(2),
        Status: Enum.Parse<PollStatus>(r.GetString(3)),
        Question: r.GetString(4),
        OpensAt: r.GetTimestamp(5),
        ClosesAt: r.GetTimestamp(6),
        ClosedAt: r.IsDBNull(7) ? null : r.GetTimestamp(7),
        Audience: JsonSerializer.Deserialize<PollAudience>(r.GetString(8), Json) ?? new PollAudience(PollAudienceKind.OptedIn),
        ResultsBeforeClose: r.GetBoolean(9),
        Results: ReadResults(r.GetString(10)),
        UpdatedAt: r.GetTimestamp(11));

    private static PollResults ReadResults(string json) =>
        JsonSerializer.Deserialize<PollResults>(json, Json) is { } results
            ? results with
            {
                ByOption = results.ByOption ?? [],
                ByChannel = results.ByChannel ?? new Dictionary<string, IReadOnlyList<int>>(),
                ByRegion = results.ByRegion ?? new Dictionary<string, IReadOnlyList<int>>(),
            }
            : new PollResults([], new Dictionary<string, IReadOnlyList<int>>(), new Dictionary<string, IReadOnlyList<int>>());

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
