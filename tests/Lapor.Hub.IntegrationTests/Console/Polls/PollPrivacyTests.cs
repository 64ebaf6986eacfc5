using System.Net;
using Lapor.Hub.Polls;
using static Lapor.Hub.Tests.Console.Polls.PollConsoleSteps;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>After several citizens voted, nothing the hub serves about the poll (public, admin, agency) names a voter.</summary>
public abstract class PollPrivacyTests(ConsoleHub hub)
{
    protected abstract bool IsAvailable { get; }

    private static readonly (string Key, string Channel, string Secret)[] Citizens =
    [
        ("phone:6281399887766", "whatsapp", "6281399887766"),
        ("phone:6285712345678", "sms", "6285712345678"),
        ("chat:telegram:701234567", "telegram", "701234567"),
        ("chat:webchat:dl-conv-9f8e7d6c", "webchat", "dl-conv-9f8e7d6c"),
    ];

    [SkippableFact]
    public async Task No_page_API_or_export_reveals_a_voter_or_who_voted_for_what()
    {
        Skip.IfNot(IsAvailable, Lapor.Hub.Tests.Infrastructure.TestDatabases.PostgresSkipReason);
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var pollIds = new List<string>();
        foreach (var resultsBeforeClose in new[] { true, false })
        {
            var pollId = await CreateDraftAsync(officer, DraftFields($"Privasi {UniqueWord()}?", ["Ya", "Tidak", "Ragu"],
                resultsBeforeClose: resultsBeforeClose, audience: "Regions", regions: "35"));
            await OpenAsync(officer, pollId);
            for (var i = 0; i < Citizens.Length; i++)
            {
                var result = await VoteAsync(hub, pollId, Citizens[i].Key, Citizens[i].Channel, i % 3, "35.78");
                Assert.Equal(VoteOutcome.Counted, result.Outcome);
            }

            pollIds.Add(pollId);
        }

        await CloseAsync(officer, pollIds[1]);
        var responses = new List<(string What, string Body)>();
        async Task Read(HttpClient client, string who, string path)
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} GET {path} answered {(int)response.StatusCode}");
            responses.Add(($"{who} {path}", await response.Content.ReadAsStringAsync()));
        }

        using var visitor = hub.NewClient();
        foreach (var (client, who) in new[] { (visitor.Http, "public"), (officer.Http, "officer"), (admin.Http, "admin"), (hub.Operator, "operator") })
        {
            await Read(client, who, "/polling");
            await Read(client, who, "/api/polls");
            foreach (var pollId in pollIds)
            {
                await Read(client, who, $"/polling/{pollId}");
                await Read(client, who, $"/api/polls/{pollId}");
                await Read(client, who, $"/api/polls/{pollId}/results.csv");
            }
        }

        foreach (var (client, who) in new[] { (officer.Http, "officer"), (admin.Http, "admin") })
        {
            await Read(client, who, "/konsol/polling");
            foreach (var pollId in pollIds)
            {
                await Read(client, who, $"/konsol/polling/{pollId}");
                await Read(client, who, $"/konsol/polling/{pollId}?handler=live");
            }
        }

        Assert.Equal(4 * (2 + 3 * 2) + 2 * (1 + 2 * 2), responses.Count);
        foreach (var (what, body) in responses)
        {
            foreach (var citizen in Citizens)
            {
                Assert.False(body.Contains(citizen.Secret, StringComparison.OrdinalIgnoreCase), $"{what} names {citizen.Secret}");
            }

            Assert.DoesNotContain("phone:", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("chat:telegram", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("chat:webchat", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("voter", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ballot", body, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class SqlitePollPrivacyTests(ConsoleHub hub) : PollPrivacyTests(hub), IClassFixture<ConsoleHub>
{
    protected override bool IsAvailable => true;
}

public sealed class PostgresPollPrivacyTests(PostgresConsoleHub hub) : PollPrivacyTests(hub), IClassFixture<PostgresConsoleHub>
{
    protected override bool IsAvailable => PostgresConsoleHub.IsAvailable;
}
