using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Accounts;

/// <summary>OpenID Connect sign-in, mapped onto an existing hub account by user name; unknown people are refused.</summary>
public static class ExternalSignIn
{
    public const string Scheme = "oidc";

    public static IEndpointRouteBuilder MapExternalSignIn(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["Accounts:Oidc:Authority"]))
        {
            return app;
        }

        var userNameClaim = configuration["Accounts:Oidc:UserNameClaim"] ?? "preferred_username";
        app.MapGet("/masuk/oidc", (string? returnUrl) => Results.Challenge(
            new AuthenticationProperties { RedirectUri = $"/masuk/oidc/selesai?returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}" },
            [Scheme]));
        app.MapGet("/masuk/oidc/selesai", async (HttpContext http, string? returnUrl, UserManager<HubUser> users,
            SignInManager<HubUser> signIn, ILoggerFactory loggers) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            var userName = external.Principal?.FindFirst(userNameClaim)?.Value;
            var user = userName is null ? null : await users.FindByNameAsync(userName);
            if (user is null || await users.IsLockedOutAsync(user))
            {
                loggers.CreateLogger(typeof(ExternalSignIn)).LogWarning(
                    "Single sign-on refused for {UserName}: no unlocked hub account with that name", userName ?? "(no user name claim)");
                return Results.Redirect("/akses-ditolak");
            }

            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: Scheme);
            return Results.LocalRedirect(LocalOnly(returnUrl));
        });
        return app;
    }

    /// <summary>
    /// Only a path on this site: never an open redirect. Control characters are refused too: browsers drop a tab or a
    /// line break, so "/&lt;tab&gt;/evil.example" would become "//evil.example" (and LocalRedirect refuses it with an error).
    /// </summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
