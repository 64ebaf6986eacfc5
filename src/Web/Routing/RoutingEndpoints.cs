using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Lapor.Hub.Web.Operators;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Lapor.Hub.Web.Routing;

/// <summary>For operators: what the model suggests, every model version with its evaluation, and retraining on demand.</summary>
public static class RoutingEndpoints
{
    public const int MaxSuggestTextLength = 4000;

    public static IEndpointRouteBuilder MapRoutingEndpoints(this IEndpointRouteBuilder app)
    {
        var routing = app.MapGroup("/api/routing").WithTags("Routing").AddEndpointFilter<RequireAdminFilter>();
        routing.MapGet("/models", (RoutingModelStore store) => Results.Ok(new { current = store.CurrentVersion, versions = store.Decisions() }));
        routing.MapPost("/retrain", async (RoutingRetrainer retrainer, CancellationToken cancellationToken) =>
            Results.Ok(await retrainer.RetrainAsync(cancellationToken)));
        routing.MapGet("/suggestion", Suggest);
        return app;
    }

    private static IResult Suggest(string? text, string? region, IRoutingSuggester suggester)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSuggestTextLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Required, at most {MaxSuggestTextLength} characters."] });
        }

        return suggester.Suggest(text, region) is { } suggestion
            ? Results.Ok(suggestion)
            : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No routing model in service yet");
    }
}
