using Lapor.Hub.Routing;

namespace Lapor.Hub.Storage.Routing;

/// <summary>Confirmed routings in <c>routing_feedback</c>; an older version of a report's routing never overwrites a newer one.</summary>
public sealed class SqlRoutingFeedbackStore(IHubDatabase database) : IRoutingFeedbackStore
{
    private const string Columns =
        "tracking_id, version, text, region_code, category_code, agency_code, confirmed_at, suggested_category, suggested_agency, model_version";

    public async Task UpsertAsync(RoutingFeedback feedback, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO routing_feedback ({Columns})
            VALUES (@tracking_id, @version, @text, @region_code, @category_code, @agency_code, @confirmed_at,
                    @suggested_category, @suggested_agency, @model_version)
            ON CONFLICT (tracking_id) DO UPDATE SET
                version = excluded.version, text = excluded.text, region_code = excluded.region_code,
                category_code = excluded.category_code, agency_code = excluded.agency_code, confirmed_at = excluded.confirmed_at,
                suggested_category = excluded.suggested_category, suggested_agency = excluded.suggested_agency,
                model_version = excluded.model_version
            WHERE routing_feedback.version < excluded.version
            """;
        command.Bind("tracking_id", feedback.TrackingId);
        command.Bind("version", feedback.Version);
        command.Bind("text", feedback.Text);
        command.Bind("region_code", feedback.RegionCode);
        command.Bind("category_code", feedback.CategoryCode);
        command.Bind("agency_code", feedback.AgencyCode);
        command.Bind("confirmed_at", database.Timestamp(feedback.ConfirmedAt));
        command.Bind("suggested_category", feedback.SuggestedCategory);
        command.Bind("suggested_agency", feedback.SuggestedAgency);
        command.Bind("model_version", feedback.ModelVersion);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RoutingFeedback>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM routing_feedback ORDER BY confirmed_at, tracking_id";
        var all = new List<RoutingFeedback>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            all.Add(new RoutingFeedback(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetNullableString(3), r.GetString(4),
                r.GetString(5), r.GetTimestamp(6), r.GetNullableString(7), r.GetNullableString(8), r.GetNullableString(9)));
        }

        return all;
    }
}
