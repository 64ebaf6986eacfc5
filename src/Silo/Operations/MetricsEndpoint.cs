using Lapor.Hub.Web.Operators;

namespace Lapor.Hub.Silo.Operations;

/// <summary>Who may read /metrics (<c>Metrics:Access</c>).</summary>
public enum MetricsAccess
{
    /// <summary>Only with "Authorization: Bearer &lt;operator key&gt;" (the default): the figures describe the hub's load and its citizens' channels.</summary>
    OperatorKey,

    /// <summary>Anyone who can reach the port, for a hub whose port only the monitoring network reaches.</summary>
    Public,

    /// <summary>Not served at all.</summary>
    Off,
}

public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication MapHubMetrics(this WebApplication app, IConfiguration configuration)
    {
        var access = configuration.GetValue("Metrics:Access", MetricsAccess.OperatorKey);
        if (access == MetricsAccess.Off)
        {
            return app;
        }

        if (access == MetricsAccess.OperatorKey)
        {
            var key = app.Services.GetRequiredService<OperatorKey>();
            app.UseWhen(http => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase), metrics => metrics.Use(async (http, next) =>
            {
                if (!key.IsPresentedBy(http))
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return;
                }

                await next(http);
            }));
        }

        app.MapPrometheusScrapingEndpoint(Path);
        return app;
    }
}
