using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Commands;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tracking;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Reports;

public static class ReportEndpoints
{
    public const string ReporterKeyHeader = "X-Reporter-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapPost("/", FileReport).RequireRateLimiting(PublicRateLimits.Filing);
        reports.MapGet("/", ListReports).RequireRateLimiting(PublicRateLimits.Reading);
        reports.MapGet("/{trackingId}", GetReport).RequireRateLimiting(PublicRateLimits.Reading);
        reports.MapPost("/{trackingId}/replies", PostReply).RequireRateLimiting(PublicRateLimits.Filing);
        reports.MapPost("/{trackingId}/clarification-requests", RequestClarification);
        reports.MapPost("/{trackingId}/forward", Forward);
        reports.MapPost("/{trackingId}/rejection", Reject);
        reports.MapPost("/{trackingId}/follow-ups", PostFollowUp);
        app.MapGet("/api/map", MapPoints).WithTags("Reports").RequireRateLimiting(PublicRateLimits.Reading);
        app.MapReportExport();
        return app;
    }

    private static async Task<IResult> FileReport(
        FileReportRequest request, HttpContext http, IGrainFactory grains, RegionCatalog regions, ChannelCatalog channels, ReportReader reader)
    {
        var errors = new InputErrors();
        var submission = request.ToSubmission(errors);
        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > ReportFilingGrain.MaxKeyLength || idempotencyKey.Any(char.IsControl))
        {
            errors.Add(IdempotencyKeyHeader, $"At most {ReportFilingGrain.MaxKeyLength} printable characters.");
        }

        var filingKey = idempotencyKey.Length > 0
            ? IdempotencyScope.FilingKey(reader.ViewerOf(http), http.Connection.RemoteIpAddress, idempotencyKey)
            : $"api:{Guid.NewGuid():N}";
        IResult? throttled = null;
        var result = await new ReportCommandService(grains).FileAsync(submission, filingKey, regions, channels, errors,
            admit: async () => (throttled = await ApiFilingThrottle.RefuseAsync(http, filingKey)) is null,
            retryable: idempotencyKey.Length > 0);
        if (result.IsInvalid)
        {
            return Results.ValidationProblem(result.Errors!);
        }

        if (throttled is not null)
        {
            return throttled;
        }

        var filed = result.Filed!;
        var report = filed.Report;
        var display = TrackingId.Parse(report.TrackingId).ToDisplayString();
        var response = new FiledReportResponse(display, report.Status, report.Deadline(DeadlineKind.Verification)!.DueAt,
            filed.ReporterKey, $"/api/reports/{display}");
        return filed.WasAlreadyFiled ? Results.Ok(response) : Results.Created(response.Location, response);
    }

    private static async Task<IResult> GetReport(string trackingId, HttpContext http, ReportReader reader)
    {
        if (!TryParse(trackingId, out var id, out var invalid))
        {
            return invalid;
        }

        var visible = await reader.ReadAsync(http, id);
        if (visible is null)
        {
            return NotFound(id);
        }

        var reminders = visible.ShowsWorkings ? await GrainsOf(http).GetReport(id).GetScheduledReminders() : null;
        return Results.Ok(ReportResponse.For(visible, reminders));
    }

    private static IGrainFactory GrainsOf(HttpContext http) => http.RequestServices.GetRequiredService<IGrainFactory>();

    /// <summary>The public sees published reports; an officer their agency's; admins everything. Reporters use the public list.</summary>
    private static async Task<IResult> ListReports(
        HttpContext http, IReportQueries queries, ReportReader reader, ReportStatus? status, string? agency, string? category,
        string? region, bool? overdue, string? q, int? page, int? pageSize, ReportOrder? order)
    {
        if (pageSize is < 1 or > ReportListQuery.MaxPageSize || page is < 1 || q is { Length: > ReportListQuery.MaxSearchLength })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [$"page starts at 1; pageSize is between 1 and {ReportListQuery.MaxPageSize}; q has at most {ReportListQuery.MaxSearchLength} characters."],
            });
        }

        var viewer = reader.ViewerOf(http);
        var query = ReportListScope.For(viewer, new ReportListQuery(status, agency, category, region, overdue, PublishedOnly: true,
            page ?? 1, pageSize ?? 20, order ?? ReportOrder.NewestFirst, Search: q));
        var result = await queries.ListAsync(query, http.RequestAborted);
        return Results.Ok(new ReportListResponse(result.Items.Select(ReportListItem.From).ToArray(), result.Total, result.Page, result.PageSize));
    }

    /// <summary>Points for the public map: published reports with a location; secret reports are never published.</summary>
    private static async Task<IResult> MapPoints(
        HttpContext http, IReportQueries queries, RegionCatalog regions, string? category, string? agency, string? region)
    {
        var result = await queries.ListAsync(new ReportListQuery(AgencyCode: agency, CategoryCode: category, RegionCode: region,
            PublishedOnly: true, PageSize: ReportListQuery.MaxPageSize, LocatedOnly: true), http.RequestAborted);
        return Results.Ok(result.Items.Select(entry => MapPoint.From(entry, regions)).OfType<MapPoint>().ToArray());
    }

    private static Task<IResult> RequestClarification(string trackingId, ClarificationRequest request, HttpContext http, ReportReader reader) =>
        Command(trackingId, http, reader, (commands, id, viewer, open, commandId) =>
            commands.AskAsync(id, viewer, open, request.Question, commandId));

    private static Task<IResult> Forward(string trackingId, ForwardRequest request, HttpContext http, ReportReader reader) =>
        Command(trackingId, http, reader, (commands, id, viewer, open, commandId) =>
            commands.ForwardAsync(id, viewer, open, request.CategoryCode, request.AgencyCode, request.Note, commandId));

    private static Task<IResult> Reject(string trackingId, RejectRequest request, HttpContext http, ReportReader reader) =>
        Command(trackingId, http, reader, (commands, id, viewer, open, commandId) =>
            commands.RejectAsync(id, viewer, open, request.Reason, request.Explanation, request.DuplicateOf, commandId));

    /// <summary>An officer posts for their own agency; an admin (or the operator key) names the agency it posts for.</summary>
    private static Task<IResult> PostFollowUp(string trackingId, FollowUpRequest request, HttpContext http, ReportReader reader) =>
        Command(trackingId, http, reader, (commands, id, viewer, open, commandId) =>
            commands.FollowUpAsync(id, viewer, open, request.Text, commandId, request.AgencyCode, request.Officer));

    /// <summary>The citizen replies with their reporter key; an admin replies as an admin.</summary>
    private static Task<IResult> PostReply(string trackingId, ReplyRequest request, HttpContext http, ReportReader reader) =>
        Command(trackingId, http, reader, (commands, id, viewer, open, commandId) =>
            commands.ReplyAsync(id, viewer, open, request.Text, commandId), replying: true);

    private delegate Task<ReportCommandResult> SendCommand(
        ReportCommandService commands, TrackingId id, Viewer viewer, Func<Task<ReportView?>> open, string? commandId);

    /// <summary>The HTTP face of <see cref="ReportCommandService"/>: who is asking, the idempotency key, and the answer's status.</summary>
    private static async Task<IResult> Command(string trackingId, HttpContext http, ReportReader reader, SendCommand send, bool replying = false)
    {
        if (!TryParse(trackingId, out var id, out var invalid))
        {
            return invalid;
        }

        var viewer = await reader.ViewerOf(http, GrainsOf(http).GetReport(id), id);
        VisibleReport? visible = null;
        var commandId = http.Request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 and <= ReportFilingGrain.MaxKeyLength } key ? key : null;
        var result = await send(new ReportCommandService(GrainsOf(http)), id, viewer,
            async () => (visible = await reader.ReadAsync(http, id))?.Report, commandId);
        return result.Refusal switch
        {
            null => Results.Ok(ReportResponse.For(visible! with { Report = result.Report! })),
            CommandRefusal.SignInRequired => Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in required",
                detail: replying
                    ? $"Reply with the '{ReporterKeyHeader}' you received when filing, or sign in."
                    : "Sign in to the console, or send 'Authorization: Bearer <operator key>'."),
            CommandRefusal.NotAllowed => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"A {viewer.Kind} cannot do this."),
            CommandRefusal.Invalid => Results.ValidationProblem(result.Errors!),
            _ => NotFound(id),
        };
    }

    private static bool TryParse(string text, out TrackingId id, out IResult invalid)
    {
        invalid = Results.Empty;
        if (TrackingId.TryParse(text, out id))
        {
            return true;
        }

        invalid = Results.ValidationProblem(new Dictionary<string, string[]>
        {
            ["trackingId"] = [$"'{Truncate(text)}' is not a tracking ID: {TrackingId.Length} characters like ABCD-EFGH-JKM; check for a mistyped character."],
        });
        return false;
    }

    private static IResult NotFound(TrackingId id) => Results.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Report not found", detail: $"No report {id.ToDisplayString()}.");

    private static string Truncate(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
