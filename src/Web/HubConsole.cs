using Lapor.Hub.Web.Accounts;
using Lapor.Hub.Web.Localization;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Polls;
using Lapor.Hub.Web.Privacy;
using Lapor.Hub.Web.RateLimits;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web;

/// <summary>The server-rendered site: the admin and agency console and the public pages, with accounts and privacy.</summary>
public static class HubConsole
{
    public const string AntiforgeryCookieName = "lapor-antiforgery";

    public static IServiceCollection AddHubConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHubAccounts(configuration);
        services.AddPublicRateLimits(configuration);
        services.AddLocalization();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRazorPages(pages =>
        {
            // Who may open what is decided per folder, so a guessed URL meets the same rule as a clicked link.
            pages.Conventions.AuthorizeFolder("/Admin", HubPolicies.Admins);
            pages.Conventions.AuthorizeFolder("/Supervisor", HubPolicies.Supervisors);
            pages.Conventions.AuthorizeFolder("/Agency", HubPolicies.AgencyOfficers);
            pages.Conventions.AuthorizeFolder("/Polls", HubPolicies.PollEditors);
        })
            // Named explicitly: the entry assembly is not always the hub (tests host it in-process).
            .AddApplicationPart(typeof(HubConsole).Assembly)
            .AddViewLocalization();
        // Behind the TLS-terminating proxy (loopback by default, more with ForwardedHeaders:KnownProxies) requests count as
        // HTTPS, so cookies are marked Secure, and rate limits see the client's address rather than the proxy's.
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
            // For proxies without a fixed address (a Kubernetes ingress controller's pods): their network, e.g. 10.42.0.0/16.
            foreach (var network in configuration.GetSection("ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SecretAccessAudit>();
        services.AddSingleton<ReportReader>();
        services.AddSingleton<Channels.Media.IMediaAccessPolicy, Media.ReportMediaAccess>();
        services.AddSingleton<Maps.MapTiles>();
        services.AddSingleton<Reports.ReportLabels>();
        services.AddSingleton<Reports.ActorNames>();
        services.AddSingleton<Reports.DeliveryNames>();
        services.AddSingleton<Pages.Agency.FollowUpAttachment>();
        services.AddSingleton<Polls.PollDesk>();
        services.AddSingleton<Polls.PublicPolls>();
        return services;
    }

    public static WebApplication UseHubConsole(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRequestLocalization(LanguageSwitch.Options());
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapHubConsole(this WebApplication app, IConfiguration configuration)
    {
        app.MapRazorPages();
        app.MapPollEndpoints();
        app.MapLanguageSwitch();
        app.MapExternalSignIn(configuration);
        return app;
    }

    /// <summary>A browser navigating to a page (not the API, not a webhook) gets friendly error pages.</summary>
    public static bool IsPageRequest(HttpContext http) =>
        !http.Request.Path.StartsWithSegments("/api")
        && http.Request.Headers.Accept.Any(accept => accept?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
