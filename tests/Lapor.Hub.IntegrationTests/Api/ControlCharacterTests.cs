using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Api;

/// <summary>
/// Control characters in free text (a NUL above all) are dropped at the door, whichever database runs below: before,
/// a NUL was accepted with 201 and the report then never reached the lists on PostgreSQL, or could not be found on SQLite.
/// </summary>
public abstract class ControlCharacterTests(InProcessHub hub)
{
    protected abstract bool IsAvailable { get; }

    [SkippableFact]
    public async Task A_nul_and_other_control_characters_are_dropped_so_the_report_is_listed_and_found()
    {
        Skip.IfNot(IsAvailable, TestDatabases.PostgresSkipReason);
        var marker = $"kenanga{Guid.NewGuid():N}"[..16];
        var id = await FileAsync($"Lampu jalan mati\u0000 di gang {marker}\u0007 sejak\r\nminggu lalu.\tTolong\u001b diperbaiki.");

        await CommandAsync(hub.Operator, $"/api/reports/{id}/forward",
            new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578", note = "Mohon\u0000 segera ditangani." });
        await CommandAsync(hub.Operator, $"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lampu\u0001 sudah\u0000 diganti\r petugas." });

        var report = await ReadAsync(hub.Operator, $"/api/reports/{id}");
        Assert.Equal($"Lampu jalan mati di gang {marker} sejak\nminggu lalu.\tTolong diperbaiki.", report.GetProperty("text").GetString());
        var texts = report.GetProperty("history").EnumerateArray()
            .Select(e => e.GetProperty("text").GetString()).OfType<string>().ToArray();
        Assert.Equal(["Mohon segera ditangani.", "Lampu sudah diganti\n petugas."], texts);
        Assert.Contains(id, await ListedAsync($"/api/reports?q={marker}"));
        Assert.Contains(id, await ListedAsync("/api/reports?pageSize=100"));
    }

    [SkippableFact]
    public async Task A_summary_never_cuts_an_emoji_in_half_so_the_report_is_listed()
    {
        Skip.IfNot(IsAvailable, TestDatabases.PostgresSkipReason);
        var marker = $"berlubang{Guid.NewGuid():N}"[..18];
        // 59 emoji fill 118 UTF-16 units; the summary used to end after the first half of the 60th.
        var id = await FileAsync($"{string.Concat(Enumerable.Repeat("\U0001F6A7", 70))} jalan {marker}", title: null);

        await CommandAsync(hub.Operator, $"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });

        Assert.Contains(id, await ListedAsync($"/api/reports?q={marker}"));
    }

    private async Task<string> FileAsync(string text, string? title = "Lampu jalan mati")
    {
        using var response = await hub.Public.PostAsJsonAsync("/api/reports", new { text, title, regionCode = "35.78" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("trackingId").GetString()!;
    }

    private static async Task CommandAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostJsonAsync(path, body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private async Task<string[]> ListedAsync(string path) =>
        (await ReadAsync(hub.Public, path)).GetProperty("items").EnumerateArray()
            .Select(item => item.GetProperty("trackingId").GetString()!).ToArray();
}

public sealed class SqliteControlCharacterTests(InProcessHub hub) : ControlCharacterTests(hub), IClassFixture<InProcessHub>
{
    protected override bool IsAvailable => true;
}

public sealed class PostgresControlCharacterTests(PostgresInProcessHub hub) : ControlCharacterTests(hub), IClassFixture<PostgresInProcessHub>
{
    protected override bool IsAvailable => PostgresInProcessHub.IsAvailable;
}
