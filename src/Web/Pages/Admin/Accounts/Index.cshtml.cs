using Lapor.Hub.Agencies;
using Lapor.Hub.Web.Accounts;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Web.Pages.Admin.Accounts;

/// <summary>Console accounts: list, create, unlock, reset a password. Every change goes through Identity's <see cref="UserManager{TUser}"/>.</summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    UserManager<HubUser> users, HubUserStore store, SignInThrottle throttle, AgencyDirectory agencies, ReportLabels labels, IOptions<IdentityOptions> identity, TimeProvider clock,
    IStringLocalizer<AccountsText> text, ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<HubUser> Accounts { get; private set; } = [];

    public IReadOnlyList<AgencyProfile> Agencies { get; } = agencies.Seed.OrderBy(a => a.Name, StringComparer.CurrentCulture).ToArray();

    public int MinPasswordLength => identity.Value.Password.RequiredLength;

    [BindProperty]
    public NewAccountInput New { get; set; } = new();

    /// <summary>Errors of the create form, by field.</summary>
    public Dictionary<string, string> Errors { get; private set; } = [];

    /// <summary>The account whose password reset failed, and why.</summary>
    public (string AccountId, string Message)? ResetError { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public bool IsLockedOut(HubUser user) =>
        (user.LockoutEnd is { } end && end > clock.GetUtcNow()) || throttle.IsShutOutAnywhere(user.UserName);

    public string AgencyName(string? code) =>
        code is null ? "—" : labels.Agency(code);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        Errors = New.Validate(agencies, MinPasswordLength, text);
        if (Errors.Count == 0)
        {
            var user = New.ToUser();
            var result = await users.CreateAsync(user, New.Password!);
            if (result.Succeeded)
            {
                logger.LogInformation("{Admin} created account {UserName} ({Role}, {Agency})", User.Identity?.Name, user.UserName, user.Role, user.AgencyCode);
                Notice = text["Created", user.UserName];
                return RedirectToPage();
            }

            foreach (var error in result.Errors)
            {
                var (field, message) = Explain(error);
                Errors.TryAdd(field, message);
            }
        }

        New.Password = null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string? id)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
        {
            return NotFound();
        }

        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            throttle.ForgetAccount(user.UserName);
            logger.LogInformation("{Admin} unlocked account {UserName}", User.Identity?.Name, user.UserName);
        }

        Notice = result.Succeeded ? text["Unlocked", user.UserName] : text["ChangeFailed"];
        return RedirectToPage();
    }

    /// <summary>Locks the account until unlocked; the store gives it a new security stamp, so its sessions end too.</summary>
    public async Task<IActionResult> OnPostLockAsync(string? id)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
        {
            return NotFound();
        }

        var result = await users.SetLockoutEndDateAsync(user, HubUser.LockedUntilUnlocked);
        if (result.Succeeded)
        {
            logger.LogInformation("{Admin} locked account {UserName}", User.Identity?.Name, user.UserName);
        }

        Notice = result.Succeeded ? text["LockedNotice", user.UserName] : text["ChangeFailed"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string? id, string? newPassword)
    {
        if (await users.FindByIdAsync(id ?? "") is not { } user)
        {
            return NotFound();
        }

        var message = await ValidatePasswordAsync(user, newPassword ?? "");
        if (message is null)
        {
            // One write: the new hash and a new security stamp, so sessions signed in with the old password end.
            user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
            var result = await users.UpdateSecurityStampAsync(user);
            if (result.Succeeded)
            {
                logger.LogInformation("{Admin} reset the password of {UserName}", User.Identity?.Name, user.UserName);
                Notice = text["PasswordReset", user.UserName];
                return RedirectToPage();
            }

            message = text["ChangeFailed"];
        }

        ResetError = (user.Id, message);
        await LoadAsync();
        return Page();
    }

    private async Task<string?> ValidatePasswordAsync(HubUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            if (!result.Succeeded)
            {
                return Explain(result.Errors.First()).Message;
            }
        }

        return null;
    }

    private (string Field, string Message) Explain(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.DuplicateUserName) => ("userName", text["UserNameTaken"]),
        nameof(IdentityErrorDescriber.InvalidUserName) => ("userName", text["UserNameInvalid", HubUser.MaxUserNameLength]),
        nameof(IdentityErrorDescriber.PasswordTooShort) => ("password", text["PasswordTooShort", MinPasswordLength]),
        _ => ("form", text["IdentityRefused", error.Description]),
    };

    private async Task LoadAsync() => Accounts = await store.ListAsync(HttpContext.RequestAborted);
}
