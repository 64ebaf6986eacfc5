using Lapor.Hub.Web.RateLimits;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Polls;

/// <summary>
/// The public poll API and the results export: published polls only, results only when the poll shows them, counts only.
/// The same for everyone, signed in or not: an officer manages their polls in the console, not here.
/// </summary>
public static class PollEndpoints
{
    public static IEndpointRouteBuilder MapPollEndpoints(this IEndpointRouteBuilder app)
    {
        var polls = app.MapGroup("/api/polls").WithTags("Polls").RequireRateLimiting(PublicRateLimits.Reading);
        polls.MapGet("/", ListPolls);
        polls.MapGet("/{pollId}", GetPoll);
        polls.MapGet("/{pollId}/results.csv", ExportResults);
        return app;
    }

    /// <summary>Where a poll's CSV lives, for the pages' download links.</summary>
    public static string CsvPath(string pollId) => $"/api/polls/{Uri.EscapeDataString(pollId)}/results.csv";

    private static async Task<IResult> ListPolls(PublicPolls polls, int? page, CancellationToken cancellationToken) =>
        Results.Ok((await polls.ListAsync(page ?? 1, cancellationToken)).Select(PollSummaryResponse.Of).ToArray());

    private static async Task<IResult> GetPoll(string pollId, PublicPolls polls, CancellationToken cancellationToken) =>
        await polls.FindAsync(pollId, cancellationToken) is { } poll
            ? Results.Ok(PollResponse.Of(poll))
            : NotFound(pollId);

    private static async Task<IResult> ExportResults(string pollId, PublicPolls polls, ReportLabels labels, HttpContext http)
    {
        if (await polls.FindAsync(pollId, http.RequestAborted) is not { } poll)
        {
            return NotFound(pollId);
        }

        if (poll.Results is not { } results)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Results not published yet",
                detail: $"The results of poll {pollId} are published at its close, {poll.Definition.ClosesAt:O}.");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(System.Text.Encoding.UTF8.GetBytes(PollCsv.Write(poll, results, labels)), "text/csv; charset=utf-8",
            $"polling-{poll.PollId}.csv");
    }

    private static IResult NotFound(string pollId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Poll not found", detail: $"No published poll {pollId}.");
}
