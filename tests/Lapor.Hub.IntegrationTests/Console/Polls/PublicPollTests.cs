using System.Net;
using System.Text.Json;
using static Lapor.Hub.Tests.Console.Polls.PollConsoleSteps;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>/polling, /polling/{id}, the API and the CSV export as anyone sees them, with polls made in the console.</summary>
public abstract class PublicPollTests(ConsoleHub hub)
{
    protected abstract bool IsAvailable { get; }

    [SkippableFact]
    public async Task The_public_list_page_and_API_never_show_drafts()
    {
        Skip.IfNot(IsAvailable, Lapor.Hub.Tests.Infrastructure.TestDatabases.PostgresSkipReason);
        var word = UniqueWord();
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var draftId = await CreateDraftAsync(officer, DraftFields($"Masih draf {word}?", ["Ya", "Tidak"]));
        var openId = await CreateDraftAsync(officer, DraftFields($"Sudah dibuka {word}?", ["Ya", "Tidak"]));
        await OpenAsync(officer, openId);
        using var visitor = hub.NewClient();

        var (status, list) = await visitor.GetPageAsync("/polling");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Sudah dibuka {word}?", list);
        Assert.Contains($"/polling/{openId}", list);
        Assert.DoesNotContain($"Masih draf {word}", list);
        Assert.DoesNotContain(draftId, list);

        var api = await hub.Public.GetStringAsync("/api/polls");
        Assert.Contains(openId, api);
        Assert.DoesNotContain(draftId, api);
        Assert.DoesNotContain($"Masih draf {word}", api);

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetPageAsync($"/polling/{draftId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Public.GetAsync($"/api/polls/{draftId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Public.GetAsync($"/api/polls/{draftId}/results.csv")).StatusCode);
        // Signed in makes no difference on the public side: the owner's draft is managed in the console only.
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetPageAsync($"/polling/{draftId}")).Status);
    }

    [SkippableFact]
    public async Task Results_stay_hidden_before_the_close_when_the_poll_does_not_show_them()
    {
        Skip.IfNot(IsAvailable, Lapor.Hub.Tests.Infrastructure.TestDatabases.PostgresSkipReason);
        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var pollId = await CreateDraftAsync(officer, DraftFields($"Hasil disembunyikan {UniqueWord()}?", ["Setuju", "Tidak setuju"], resultsBeforeClose: false));
        await OpenAsync(officer, pollId);
        await VoteAsync(hub, pollId, "chat:telegram:hidden-1", "telegram", 0);
        using var visitor = hub.NewClient();

        var (status, page) = await visitor.GetPageAsync($"/polling/{pollId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Hasil diumumkan setelah polling ditutup pada", page);
        Assert.DoesNotContain("id=\"results\"", page);
        Assert.DoesNotContain("1 suara", page);
        using (var json = JsonDocument.Parse(await hub.Public.GetStringAsync($"/api/polls/{pollId}")))
        {
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("results").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("resultsFrom").ValueKind);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hub.Public.GetAsync($"/api/polls/{pollId}/results.csv")).StatusCode);
        var listJson = await hub.Public.GetStringAsync("/api/polls");
        using (var list = JsonDocument.Parse(listJson))
        {
            var entry = list.RootElement.EnumerateArray().Single(p => p.GetProperty("pollId").GetString() == pollId);
            Assert.Equal(JsonValueKind.Null, entry.GetProperty("results").ValueKind);
        }

        await CloseAsync(officer, pollId);
        var (_, closed) = await visitor.GetPageAsync($"/polling/{pollId}");
        Assert.Contains("id=\"results\"", closed);
        Assert.Contains("1 suara", closed);
        Assert.Matches(@"<th scope=""row"">Setuju</th><td class=""num"" data-value=""1"">1</td>", closed);
    }

    [SkippableFact]
    public async Task The_public_page_shows_results_as_a_chart_table_and_the_CSV_has_tallies_per_option_channel_and_region()
    {
        Skip.IfNot(IsAvailable, Lapor.Hub.Tests.Infrastructure.TestDatabases.PostgresSkipReason);
        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var question = $"Pembatasan plastik sekali pakai {UniqueWord()}?";
        var pollId = await CreateDraftAsync(admin, DraftFields(question, ["Setuju", "Tidak, sebaiknya bertahap"],
            agency: ConsoleHub.AgencyA, audience: "Regions", regions: "35.78"));
        await OpenAsync(admin, pollId);
        await VoteAsync(hub, pollId, "phone:6281200000001", "whatsapp", 0, "35.78");
        await VoteAsync(hub, pollId, "chat:telegram:csv-2", "telegram", 0, "35.78");
        await VoteAsync(hub, pollId, "chat:webchat:csv-3", "webchat", 1, "35.78");

        var (status, page) = await hub.NewClient().GetPageAsync($"/polling/{pollId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<table id=\"results\" data-chart=\"bar\">", page);
        Assert.Contains("<caption>Suara per pilihan</caption>", page);
        Assert.Contains("<th scope=\"col\">Pilihan</th>", page);
        Assert.Matches(@"<th scope=""row"">Setuju</th><td class=""num"" data-value=""2"">2</td>", page);
        Assert.Contains("<caption>Suara per wilayah</caption>", page);
        Assert.Contains("Kota Surabaya", page);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", page);
        Assert.Contains($"/api/polls/{pollId}/results.csv", page);

        using var response = await hub.Public.GetAsync($"/api/polls/{pollId}/results.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"polling-{pollId}.csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("poll_id,breakdown,group_code,group,option_number,option,votes", lines[0]);
        Assert.Contains($"\"{pollId}\",\"total\",,,1,\"Setuju\",2", lines);
        Assert.Contains($"\"{pollId}\",\"total\",,,2,\"Tidak, sebaiknya bertahap\",1", lines);
        Assert.Contains($"\"{pollId}\",\"channel\",\"telegram\",\"telegram\",1,\"Setuju\",1", lines);
        Assert.Contains($"\"{pollId}\",\"channel\",\"webchat\",\"webchat\",2,\"Tidak, sebaiknya bertahap\",1", lines);
        Assert.Contains($"\"{pollId}\",\"region\",\"35.78\",\"Kota Surabaya\",1,\"Setuju\",2", lines);
        Assert.Equal(1 + 2 * (1 + 3 + 1), lines.Length);
    }
}

public sealed class SqlitePublicPollTests(ConsoleHub hub) : PublicPollTests(hub), IClassFixture<ConsoleHub>
{
    protected override bool IsAvailable => true;
}

public sealed class PostgresPublicPollTests(PostgresConsoleHub hub) : PublicPollTests(hub), IClassFixture<PostgresConsoleHub>
{
    protected override bool IsAvailable => PostgresConsoleHub.IsAvailable;
}
