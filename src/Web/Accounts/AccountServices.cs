using Lapor.Hub.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Accounts;

public static class AccountServices
{
    public const string CookieName = "lapor-session";
    public const int MaxFailedSignIns = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>How often a session cookie is checked against its account (<c>Accounts:SessionCheckInterval</c>).</summary>
    public static readonly TimeSpan DefaultSessionCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Identity on the hub database: hashed passwords, <see cref="MaxFailedSignIns"/> failures shutting one address out of one
    /// account (<see cref="SignInThrottle"/>), sessions that end when the account changes, an HTTP-only
    /// SameSite cookie that is Secure whenever the request came over HTTPS (directly or through the proxy), the role policies, and OpenID Connect when <c>Accounts:Oidc:Authority</c> is configured.
    /// </summary>
    public static IServiceCollection AddHubAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<HubUser>(options =>
            {
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.Lockout.AllowedForNewUsers = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_@";
            })
            .AddUserStore<HubUserStore>()
            .AddClaimsPrincipalFactory<HubClaimsPrincipalFactory>()
            .AddSignInManager();
        services.AddScoped<HubUserStore>();
        // The accounts and the secret-access log keep their SQL in Storage, on the database AddHubDatabase registered.
        services.AddHubAccountStorage();
        services.AddScoped<HubSignIn>();
        services.AddSingleton<SignInThrottle>();
        services.TryAddSingleton(TimeProvider.System);

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            cookie.LoginPath = "/masuk";
            cookie.LogoutPath = "/keluar";
            cookie.AccessDeniedPath = "/akses-ditolak";
            cookie.Events = new CookieAuthenticationEvents
            {
                // Replacing the events drops Identity's own hook: without it a reset, locked or deleted account keeps its sessions.
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                // The API answers with a status, never with a redirect to the sign-in page.
                OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden),
            };
        });

        // A new security stamp (password reset, lock, role or agency change) or a deleted account ends the sessions at the
        // next check; the check also refreshes the role and agency the cookie carries.
        services.Configure<SecurityStampValidatorOptions>(validator => validator.ValidationInterval =
            configuration.GetValue("Accounts:SessionCheckInterval", DefaultSessionCheckInterval));

        AddOpenIdConnectIfConfigured(authentication, configuration.GetSection("Accounts:Oidc"));

        services.AddAuthorizationBuilder()
            .AddPolicy(HubPolicies.Admins, policy => policy.RequireAuthenticatedUser().RequireAssertion(context => Privacy.AccountViewer.IsAdmin(context.User)))
            .AddPolicy(HubPolicies.Supervisors, policy => policy.RequireRole(HubRoles.Supervisor))
            .AddPolicy(HubPolicies.AgencyOfficers, policy => policy.RequireRole(HubRoles.AgencyOfficer).RequireClaim(HubClaims.Agency))
            .AddPolicy(HubPolicies.PollEditors, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => Privacy.AccountViewer.FromAccount(context.User) is { IsAdmin: true } or { IsOfficer: true }));
        return services;
    }

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Sign-in through the organisation's identity provider. The provider proves who someone is; the hub still decides
    /// what they may do: the external user name must match an existing hub account (see <see cref="ExternalSignIn"/>).
    /// </summary>
    private static void AddOpenIdConnectIfConfigured(Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication, IConfigurationSection oidc)
    {
        if (string.IsNullOrWhiteSpace(oidc["Authority"]))
        {
            return;
        }

        authentication.AddOpenIdConnect(ExternalSignIn.Scheme, oidc["DisplayName"] ?? "Single sign-on", options =>
        {
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.Authority = oidc["Authority"];
            options.ClientId = oidc["ClientId"];
            options.ClientSecret = oidc["ClientSecret"];
            options.ResponseType = "code";
            options.UsePkce = true;
            options.CallbackPath = "/masuk/oidc/callback";
            options.Scope.Add("profile");
            options.Scope.Add("email");
            options.MapInboundClaims = false;
            // Only for a provider on a private network or in tests; production providers serve HTTPS.
            options.RequireHttpsMetadata = oidc.GetValue("RequireHttpsMetadata", true);
            options.GetClaimsFromUserInfoEndpoint = true;
            // Claims from userinfo reach the principal only through a claim action; the defaults skip preferred_username.
            var userNameClaim = oidc["UserNameClaim"] ?? "preferred_username";
            options.ClaimActions.MapUniqueJsonKey(userNameClaim, userNameClaim);
            // A refused answer (tampered token, replayed callback) is a sign-in refusal, not a server error.
            options.Events.OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalSignIn))
                    .LogWarning(context.Failure, "Single sign-on answer refused");
                context.Response.Redirect("/akses-ditolak");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }
}
