using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web.Problems;

/// <summary>
/// The API's request bodies are strict: a member the request type does not have (<c>"secret"</c> for
/// <c>"isSecret"</c>) is refused rather than ignored, so a misspelt flag cannot quietly file a public report.
/// Any body or parameter the API cannot bind is a 400 problem+json naming what was wrong. Direct Line activities are
/// free-form JSON by specification and read by their own reader: they are not affected.
/// </summary>
public static class StrictJson
{
    public static IServiceCollection AddStrictApiJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow);
        // Without this a body that does not bind is a bare 400 with no word on why.
        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestProblems>();
        return services;
    }
}

/// <summary>Writes a request the API could not bind (<see cref="BadHttpRequestException"/>) as a problem with its status.</summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var problem = new ProblemDetails { Status = badRequest.StatusCode, Title = "Invalid request", Detail = badRequest.Message };
        if (badRequest.InnerException is JsonException { Path: { Length: > 0 } path } json)
        {
            var member = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
            var unknown = json.Message.Contains("could not be mapped", StringComparison.Ordinal);
            problem.Detail = unknown
                ? $"Unknown field '{member}': the request has no such field (check its spelling). / Kolom '{member}' tidak dikenal."
                : $"The field '{member}' has a value of the wrong type or form. / Nilai kolom '{member}' tidak sesuai.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [member] = [unknown ? "Unknown field." : "Invalid value."] };
        }

        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }
}
