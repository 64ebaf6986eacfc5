using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Reports.ReadModel;
using Lapor.Hub.Tracking;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Reports;

public static class ReportEndpoints
{
    public const string ReporterKeyHeader = "X-Reporter-Key";
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Who acts through the operator key until accounts and roles arrive with the console.</summary>
    private static readonly Actor OperatorActor = Actor.Admin("operator");

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapPost("/", FileReport);
        reports.MapGet("/", ListReports);
        reports.MapGet("/{trackingId}", GetReport);
        reports.MapPost("/{trackingId}/replies", PostReply);

        var operators = reports.MapGroup("/").AddEndpointFilter<RequireOperatorFilter>();
        operators.MapPost("/{trackingId}/clarification-requests", RequestClarification);
        operators.MapPost("/{trackingId}/forward", Forward);
        operators.MapPost("/{trackingId}/rejection", Reject);
        operators.MapPost("/{trackingId}/follow-ups", PostFollowUp);
        return app;
    }

    private static async Task<IResult> FileReport(FileReportRequest request, HttpContext http, IGrainFactory grains, RegionCatalog regions)
    {
        var errors = new InputErrors();
        var submission = request.ToSubmission(errors);
        errors.Merge(submission.Validate(regions));
        var idempotencyKey = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (idempotencyKey.Length > ReportFilingGrain.MaxKeyLength || idempotencyKey.Any(char.IsControl))
        {
            errors.Add(IdempotencyKeyHeader, $"At most {ReportFilingGrain.MaxKeyLength} printable characters.");
        }

        if (errors.Any)
        {
            return Results.ValidationProblem(errors.ToDictionary());
        }

        var filingKey = idempotencyKey.Length > 0 ? $"api:{idempotencyKey}" : $"api:{Guid.NewGuid():N}";
        var filed = await grains.GetGrain<IReportFilingGrain>(filingKey).File(submission);
        var report = filed.Report;
        var display = TrackingId.Parse(report.TrackingId).ToDisplayString();
        var response = new FiledReportResponse(display, report.Status, report.Deadline(DeadlineKind.Verification)!.DueAt,
            filed.ReporterKey, $"/api/reports/{display}");
        return filed.WasAlreadyFiled ? Results.Ok(response) : Results.Created(response.Location, response);
    }

    private static async Task<IResult> GetReport(string trackingId, HttpContext http, IGrainFactory grains, OperatorKey operatorKey)
    {
        if (!TryParse(trackingId, out var id, out var invalid))
        {
            return invalid;
        }

        var grain = grains.GetReport(id);
        var report = await grain.Get();
        if (report is null)
        {
            return NotFound(id);
        }

        var audience = await AudienceFor(http, grain, operatorKey);
        if (report.Submission.IsSecret && audience == Audience.Public)
        {
            // Indistinguishable from a report that does not exist.
            return NotFound(id);
        }

        var reminders = audience == Audience.Operator ? await grain.GetScheduledReminders() : null;
        return Results.Ok(ReportResponse.For(report, audience, reminders));
    }

    private static async Task<IResult> ListReports(
        HttpContext http, IReportQueries queries, OperatorKey operatorKey, ReportStatus? status, string? agency, string? category,
        string? region, bool? overdue, int? page, int? pageSize, ReportOrder? order)
    {
        if (pageSize is < 1 or > ReportListQuery.MaxPageSize || page is < 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [$"page starts at 1; pageSize is between 1 and {ReportListQuery.MaxPageSize}."],
            });
        }

        var isOperator = operatorKey.IsPresentedBy(http);
        var query = new ReportListQuery(status, agency, category, region, overdue, PublishedOnly: !isOperator,
            page ?? 1, pageSize ?? 20, order ?? ReportOrder.NewestFirst);
        var result = await queries.ListAsync(query, http.RequestAborted);
        return Results.Ok(new ReportListResponse(result.Items.Select(ReportListItem.From).ToArray(), result.Total, result.Page, result.PageSize));
    }

    private static Task<IResult> RequestClarification(string trackingId, ClarificationRequest request, IGrainFactory grains, HttpContext http) =>
        Command(trackingId, grains, http, errors => errors.RequireLength("question", request.Question, 1, MessageLimits.MaxMessageLength),
            (grain, commandId) => grain.RequestClarification(new RequestClarification(OperatorActor, request.Question!.Trim(), commandId)));

    private static Task<IResult> Forward(string trackingId, ForwardRequest request, IGrainFactory grains, HttpContext http) =>
        Command(trackingId, grains, http, errors =>
            {
                errors.RequireLength("categoryCode", request.CategoryCode, 1, 64);
                errors.RequireLength("agencyCode", request.AgencyCode, 1, Lapor.Hub.Agencies.AgencyProfile.MaxCodeLength);
                errors.LimitLength("note", request.Note, MessageLimits.MaxMessageLength);
            },
            (grain, commandId) => grain.Forward(new ForwardReport(OperatorActor, request.CategoryCode!.Trim().ToUpperInvariant(),
                request.AgencyCode!.Trim().ToUpperInvariant(), request.Note, commandId)));

    private static Task<IResult> Reject(string trackingId, RejectRequest request, IGrainFactory grains, HttpContext http) =>
        Command(trackingId, grains, http, errors =>
            {
                if (request.Reason is null)
                {
                    errors.Add("reason", $"Required: one of {string.Join(", ", Enum.GetNames<RejectionReason>())}.");
                }

                errors.LimitLength("explanation", request.Explanation, MessageLimits.MaxMessageLength);
            },
            (grain, commandId) => grain.Reject(new RejectReport(OperatorActor, request.Reason!.Value, request.Explanation, request.DuplicateOf, commandId)));

    private static Task<IResult> PostFollowUp(string trackingId, FollowUpRequest request, IGrainFactory grains, HttpContext http) =>
        Command(trackingId, grains, http, errors =>
            {
                errors.RequireLength("agencyCode", request.AgencyCode, 1, Lapor.Hub.Agencies.AgencyProfile.MaxCodeLength);
                errors.RequireLength("text", request.Text, 1, MessageLimits.MaxMessageLength);
            },
            (grain, commandId) => grain.PostFollowUp(new PostFollowUp(
                Actor.Officer(request.Officer ?? "officer", request.AgencyCode!.Trim().ToUpperInvariant()), request.Text!.Trim(), commandId)));

    /// <summary>The citizen replies with their reporter key; an operator replies as an admin.</summary>
    private static async Task<IResult> PostReply(string trackingId, ReplyRequest request, IGrainFactory grains, HttpContext http, OperatorKey operatorKey)
    {
        if (!TryParse(trackingId, out var id, out var invalid))
        {
            return invalid;
        }

        var grain = grains.GetReport(id);
        var audience = await AudienceFor(http, grain, operatorKey);
        if (audience == Audience.Public)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Reporter or operator key required",
                detail: $"Reply with the '{ReporterKeyHeader}' you received when filing, or as an operator.");
        }

        var actor = audience == Audience.Operator ? Actor.Admin(request.Admin ?? OperatorActor.Id) : Actor.Citizen("reporter");
        return await Command(trackingId, grains, http, errors => errors.RequireLength("text", request.Text, 1, MessageLimits.MaxMessageLength),
            (g, commandId) => g.Reply(new PostReply(actor, request.Text!.Trim(), commandId)), audience);
    }

    private static async Task<IResult> Command(
        string trackingId, IGrainFactory grains, HttpContext http, Action<InputErrors> validate,
        Func<IReportGrain, string?, Task<ReportView>> send, Audience audience = Audience.Operator)
    {
        if (!TryParse(trackingId, out var id, out var invalid))
        {
            return invalid;
        }

        var errors = new InputErrors();
        validate(errors);
        if (errors.Any)
        {
            return Results.ValidationProblem(errors.ToDictionary());
        }

        var commandId = http.Request.Headers[IdempotencyKeyHeader].ToString() is { Length: > 0 and <= ReportFilingGrain.MaxKeyLength } key ? key : null;
        var report = await send(grains.GetReport(id), commandId);
        return Results.Ok(ReportResponse.For(report, audience));
    }

    private static async Task<Audience> AudienceFor(HttpContext http, IReportGrain grain, OperatorKey operatorKey)
    {
        if (operatorKey.IsPresentedBy(http))
        {
            return Audience.Operator;
        }

        var reporterKey = http.Request.Headers[ReporterKeyHeader].ToString();
        return reporterKey.Length > 0 && await grain.IsReporter(reporterKey) ? Audience.Reporter : Audience.Public;
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
