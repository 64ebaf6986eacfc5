using Lapor.Hub.Storage;

namespace Lapor.Hub.Silo.Operations;

public static class HealthEndpoints
{
    /// <summary>/healthz: the process is alive. /readyz: it can reach its storage, so it can take reports.</summary>
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("alive"));
        app.MapGet("/readyz", async (IHubDatabase database, CancellationToken cancellationToken) =>
            await database.IsReachableAsync(cancellationToken)
                ? Results.Text("ready")
                : Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage unreachable"));
        return app;
    }
}
