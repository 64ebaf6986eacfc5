using Lapor.Hub.Web.Accounts;
using Lapor.Hub.Web.RateLimits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Account;

[EnableRateLimiting(PublicRateLimits.SignIn)]
public sealed class SignInModel(HubSignIn signIn, UserManager<HubUser> users, IConfiguration configuration, ILogger<SignInModel> logger) : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public string? UserName { get; private set; }

    /// <summary>A resource key of SiteText, never a detail that tells an attacker which part was wrong.</summary>
    public string? Error { get; private set; }

    public bool SingleSignOn => !string.IsNullOrWhiteSpace(configuration["Accounts:Oidc:Authority"]);

    public void OnGet(string? returnUrl) => ReturnUrl = ExternalSignIn.LocalOnly(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? userName, string? password, string? returnUrl)
    {
        ReturnUrl = ExternalSignIn.LocalOnly(returnUrl);
        UserName = userName?.Trim();
        if (string.IsNullOrEmpty(UserName) || string.IsNullOrEmpty(password) || UserName.Length > HubUser.MaxUserNameLength)
        {
            Error = "SignInMissing";
            return Page();
        }

        var client = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var outcome = await signIn.PasswordSignInAsync(UserName, password, client);
        if (outcome == SignInOutcome.SignedIn)
        {
            logger.LogInformation("{UserName} signed in", UserName);
            return LocalRedirect(ReturnUrl == "/" ? await HomeOf(UserName) : ReturnUrl);
        }

        if (outcome == SignInOutcome.LockedOut)
        {
            logger.LogWarning("Sign-in refused for {UserName} from {Client}: locked out", UserName, client);
            Error = "SignInLockedOut";
        }
        else
        {
            logger.LogInformation("Sign-in failed for {UserName} from {Client}", UserName, client);
            Error = "SignInFailed";
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private async Task<string> HomeOf(string userName)
    {
        var user = await users.FindByNameAsync(userName);
        return user?.Role switch
        {
            HubRoles.AgencyOfficer => "/instansi",
            HubRoles.Supervisor => "/pengawas",
            _ => "/admin",
        };
    }
}
