using System.Net;
using System.Net.Http.Json;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Api;

/// <summary>
/// A misspelt member must not be ignored: <c>"secret": true</c> instead of <c>"isSecret": true</c> would otherwise
/// file a public report. The API refuses it with a 400 problem naming the member; Direct Line stays free-form.
/// </summary>
public sealed class StrictJsonApiTests(InProcessHub hub) : IClassFixture<InProcessHub>
{
    [Fact]
    public async Task A_report_with_an_unknown_field_is_refused_with_a_400_naming_the_field_and_nothing_is_filed()
    {
        using var response = await hub.Public.PostAsJsonAsync("/api/reports", new Dictionary<string, object>
        {
            ["text"] = "Laporan rahasia tentang pungutan liar di kantor kelurahan yang salah eja kolomnya.",
            ["regionCode"] = "35.78",
            ["secret"] = true,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Contains("'secret'", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("secret", out _), problem.ToString());
        using var listed = await hub.Operator.GetAsync("/api/reports?q=pungutan&pageSize=100");
        Assert.Equal(0, (await listed.ReadJsonAsync()).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_command_with_an_unknown_field_is_refused_too_and_a_wrongly_typed_value_names_its_field()
    {
        using var unknown = await hub.Operator.PostAsJsonAsync("/api/reports/AAAA-BBBB-CCC/forward",
            new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578", agency = "x" });
        using var wrongType = await hub.Public.PostAsJsonAsync("/api/reports", new { text = "Jalan rusak parah di depan pasar sejak bulan lalu.", isSecret = "ya" });

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("'agency'", (await unknown.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("'isSecret'", (await wrongType.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_correct_report_is_still_filed()
    {
        using var response = await hub.Public.PostJsonAsync("/api/reports", ApiJson.Report("Laporan yang benar tentang lampu jalan mati di gang kami."));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
