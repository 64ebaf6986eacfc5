using System.Net;
using System.Text.RegularExpressions;
using Lapor.Hub.Calendar;
using Lapor.Hub.Polls;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Console.Polls;

/// <summary>What the poll tests do again and again: fill the console form, post it, open and close, and vote through the grain.</summary>
public static partial class PollConsoleSteps
{
    public static string WibLocal(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, IndonesianTimeZones.Wib).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The form's fields: opening a minute ago (so votes count at once) and closing in a week, unless told otherwise.</summary>
    public static Dictionary<string, string> DraftFields(
        string question, IReadOnlyList<string> options, string? agency = null, bool resultsBeforeClose = true,
        DateTimeOffset? opens = null, DateTimeOffset? closes = null, string audience = "OptedIn", string? explanation = null,
        params string[] regions)
    {
        var now = DateTimeOffset.UtcNow;
        var fields = new Dictionary<string, string>
        {
            ["Form.Question"] = question,
            ["Form.Explanation"] = explanation ?? "",
            ["Form.OpensAt"] = WibLocal(opens ?? now.AddMinutes(-1)),
            ["Form.ClosesAt"] = WibLocal(closes ?? now.AddDays(7)),
            ["Form.ResultsBeforeClose"] = resultsBeforeClose ? "true" : "false",
            ["Form.Audience"] = audience,
        };
        for (var i = 0; i < options.Count; i++)
        {
            fields[$"Form.Options[{i}]"] = options[i];
        }

        if (agency is not null)
        {
            fields["Form.AgencyCode"] = agency;
        }

        // A multi-select posts one field per choice; the dictionary holds one, which the tests' single region needs.
        if (regions.Length > 0)
        {
            fields["Form.RegionCodes"] = regions[0];
        }

        return fields;
    }

    /// <summary>Posts a new draft and returns its ID, read from the redirect to the poll's page.</summary>
    public static async Task<string> CreateDraftAsync(ConsoleClient client, Dictionary<string, string> fields)
    {
        using var response = await client.PostFormAsync("/konsol/polling/draf", "/konsol/polling/draf", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"Saving the draft answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var match = PollPath().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"Redirected to {response.Headers.Location}");
        return match.Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> CommandAsync(ConsoleClient client, string pollId, string handler, string? tokenPage = null) =>
        await client.PostFormAsync(tokenPage ?? $"/konsol/polling/{pollId}", $"/konsol/polling/{pollId}?handler={handler}", new Dictionary<string, string>());

    public static async Task OpenAsync(ConsoleClient client, string pollId)
    {
        using var response = await CommandAsync(client, pollId, "open");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Opening answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    public static async Task CloseAsync(ConsoleClient client, string pollId)
    {
        using var response = await CommandAsync(client, pollId, "close");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Closing answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>One citizen's vote through the grain's public door, as the chat side casts it.</summary>
    public static async Task<VoteResult> VoteAsync(
        ConsoleHub hub, string pollId, string voterKey, string channel, int option, string? region = null, params string[] reportedTo)
    {
        var grains = hub.Services.GetRequiredService<IGrainFactory>();
        return await grains.GetPoll(pollId).Vote(new Ballot(
            new Voter(voterKey, channel, region, reportedTo), option, $"ballot-{Guid.NewGuid():N}", DateTimeOffset.UtcNow));
    }

    public static string UniqueWord() => $"uji{Guid.NewGuid().ToString("N")[..8]}";

    [GeneratedRegex("^/konsol/polling/([A-Za-z0-9_-]+)$")]
    private static partial Regex PollPath();
}
