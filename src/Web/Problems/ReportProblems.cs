using Lapor.Hub.Reports;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Lapor.Hub.Web.Problems;

/// <summary>Turns a refused report command into an RFC 9457 problem with the status that fits the rule.</summary>
public sealed class ReportProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not ReportRuleViolation violation)
        {
            return false;
        }

        var status = violation.Code switch
        {
            ReportRuleViolation.NotFound => StatusCodes.Status404NotFound,
            ReportRuleViolation.IllegalTransition or ReportRuleViolation.AlreadyFiled => StatusCodes.Status409Conflict,
            ReportRuleViolation.WrongAgency => StatusCodes.Status403Forbidden,
            ReportRuleViolation.IdempotencyKeyReused => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = TitleFor(status),
                Detail = violation.Message,
                Extensions = { ["code"] = violation.Code },
            },
        });
    }

    private static string TitleFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Report not found",
        StatusCodes.Status409Conflict => "Not allowed in the report's current state",
        StatusCodes.Status403Forbidden => "Not your agency's report",
        StatusCodes.Status422UnprocessableEntity => "Idempotency key reused",
        _ => "Invalid request",
    };
}
