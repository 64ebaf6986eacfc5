using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Account;

public sealed class SignOutModel(SignInManager<HubUser> signIn, ILogger<SignOutModel> logger) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    /// <summary>
    /// Deleting the cookie from this browser is not enough: a copy of it (another tab, a stolen value) would stay valid
    /// for hours. A new security stamp ends every session of the account at its next check.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            logger.LogInformation("{UserName} signed out", user.UserName);
        }

        await signIn.SignOutAsync();
        return Redirect("/masuk");
    }
}
