using System.Data.Common;
using Lapor.Hub.Polls;

namespace Lapor.Hub.Storage.Polls;

/// <summary>The <c>poll_subscribers</c> table on SQLite or PostgreSQL: the opt-in register the invitation jobs page through.</summary>
public sealed class SqlPollSubscribers(IHubDatabase database) : IPollSubscribers
{
    private const string Columns = "address, voter_key, channel, language, region_code, agencies, opted_in, updated_at";

    public async Task UpsertAsync(PollSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO poll_subscribers ({Columns})
            VALUES (@address, @voter_key, @channel, @language, @region_code, @agencies, @opted_in, @updated_at)
            ON CONFLICT (address) DO UPDATE SET
                voter_key = excluded.voter_key, channel = excluded.channel, language = excluded.language,
                region_code = excluded.region_code, agencies = excluded.agencies, opted_in = excluded.opted_in,
                updated_at = excluded.updated_at
            """;
        command.Bind("address", subscriber.Address);
        command.Bind("voter_key", subscriber.VoterKey);
        command.Bind("channel", subscriber.Channel);
        command.Bind("language", subscriber.Language);
        command.Bind("region_code", subscriber.RegionCode);
        command.Bind("agencies", Agencies(subscriber.ReportedToAgencies));
        command.Bind("opted_in", subscriber.OptedIn ? 1 : 0);
        command.Bind("updated_at", database.Timestamp(subscriber.UpdatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<PollSubscriber?> FindAsync(string address, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM poll_subscribers WHERE address = @address";
        command.Bind("address", address);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<PollSubscriber>> PageAsync(
        PollAudience audience, string agencyCode, string? afterAddress, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var after = afterAddress is null ? "" : " AND address > @after";
        command.CommandText = $"SELECT {Columns} FROM poll_subscribers WHERE {InAudience(command, audience, agencyCode)}{after} ORDER BY address LIMIT @limit";
        if (afterAddress is not null)
        {
            command.Bind("after", afterAddress);
        }

        command.Bind("limit", Math.Clamp(limit, 1, 1000));
        var page = new List<PollSubscriber>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(Read(reader));
        }

        return page;
    }

    public async Task<int> CountAsync(PollAudience audience, string agencyCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM poll_subscribers WHERE {InAudience(command, audience, agencyCode)}";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Opted in, and in the audience: a region or one under it ("35" holds "35.78"), or reported to the agency.</summary>
    private static string InAudience(DbCommand command, PollAudience audience, string agencyCode)
    {
        switch (audience.Kind)
        {
            case PollAudienceKind.Regions:
                var codes = audience.RegionCodes ?? [];
                if (codes.Count == 0)
                {
                    return "1 = 0";
                }

                var clauses = new List<string>();
                for (var i = 0; i < codes.Count; i++)
                {
                    command.Bind($"region{i}", codes[i]);
                    command.Bind($"under{i}", codes[i] + ".%");
                    clauses.Add($"region_code = @region{i} OR region_code LIKE @under{i}");
                }

                return $"opted_in = 1 AND ({string.Join(" OR ", clauses)})";
            case PollAudienceKind.AgencyReporters:
                command.Bind("agency", $"%|{agencyCode}|%");
                return "opted_in = 1 AND agencies LIKE @agency";
            default:
                return "opted_in = 1";
        }
    }

    private static string Agencies(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? "" : "|" + string.Join('|', codes.Distinct(StringComparer.Ordinal)) + "|";

    private static PollSubscriber Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetNullableString(4),
        reader.GetString(5).Split('|', StringSplitOptions.RemoveEmptyEntries),
        Convert.ToInt32(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture) == 1,
        reader.GetTimestamp(7));
}
