using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Console.Public;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Console.Agency;

/// <summary>Files and forwards reports through the API, as citizens and admins do, for the agency page tests.</summary>
internal static partial class AgencyReports
{
    public const string Category = "LINGKUNGAN-KEHUTANAN";

    public sealed record Filed(string TrackingId, string ReporterKey);

    /// <summary>Files a report from Siti's chat (tg:1001) under its own <paramref name="title"/>, so a search finds just it.</summary>
    public static async Task<Filed> FileAsync(ConsoleHub hub, string title, bool anonymous = false)
    {
        var (trackingId, reporterKey) = await hub.FileFromChatAsync(CitizenReports.ReporterAddress,
            $"Laporan uji {title}: sampah menumpuk di depan SD Negeri 3 sudah dua minggu.", title, CitizenReports.ReporterName, anonymous: anonymous);
        return new Filed(trackingId, reporterKey);
    }

    public static async Task<Filed> FileAndForwardAsync(ConsoleHub hub, string title, string agencyCode, bool anonymous = false)
    {
        var filed = await FileAsync(hub, title, anonymous);
        var forwarded = await hub.Operator.PostJsonAsync($"/api/reports/{filed.TrackingId}/forward", new { categoryCode = Category, agencyCode });
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        return filed;
    }

    /// <summary>The report as an admin sees it through the API.</summary>
    public static async Task<JsonElement> ReadAsync(ConsoleHub hub, string trackingId)
    {
        var response = await hub.Operator.GetAsync($"/api/reports/{trackingId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static async Task<string[]> FollowUpsAsync(ConsoleHub hub, string trackingId) =>
        (await ReadAsync(hub, trackingId)).GetProperty("history").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "FollowUpPosted")
            .Select(e => e.GetProperty("text").GetString()!)
            .ToArray();

    public static string FormId(string html) =>
        FormIdPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No formId on the page");

    /// <summary>Where a redirect points, as a local path with its query.</summary>
    public static string PathOf(HttpResponseMessage redirect) =>
        redirect.Headers.Location is { } location ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString : "";

    [GeneratedRegex("name=\"formId\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex FormIdPattern();
}
