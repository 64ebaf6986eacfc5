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
public sealed class SignInModel(SignInManager<HubUser> signIn, IConfiguration configuration, ILogger<SignInModel> logger) : PageModel
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

        var result = await signIn.PasswordSignInAsync(UserName, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{UserName} signed in", UserName);
            return LocalRedirect(ReturnUrl == "/" ? await HomeOf(UserName) : ReturnUrl);
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for {UserName}: account locked out", UserName);
            Error = "SignInLockedOut";
        }
        else
        {
            logger.LogInformation("Sign-in failed for {UserName}", UserName);
            Error = "SignInFailed";
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private async Task<string> HomeOf(string userName)
    {
        var user = await signIn.UserManager.FindByNameAsync(userName);
        return user?.Role switch
        {
            HubRoles.AgencyOfficer => "/instansi",
            HubRoles.Supervisor => "/pengawas",
            _ => "/admin",
        };
    }
}
