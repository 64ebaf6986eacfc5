using Lapor.Hub.Agencies;
using Lapor.Hub.Web.Accounts;
using Microsoft.Extensions.Localization;

namespace Lapor.Hub.Web.Pages.Admin.Accounts;

/// <summary>The create-account form. Checked here with words for the admin; Identity then checks again as for every account.</summary>
public sealed class NewAccountInput
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public string? AgencyCode { get; set; }

    public string? Password { get; set; }

    /// <summary>Field name → message; empty when the form may be submitted to Identity.</summary>
    public Dictionary<string, string> Validate(AgencyDirectory agencies, int minPasswordLength, IStringLocalizer<AccountsText> text)
    {
        var errors = new Dictionary<string, string>();
        var userName = UserName?.Trim() ?? "";
        if (userName.Length is 0 or > HubUser.MaxUserNameLength || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors["userName"] = text["UserNameInvalid", HubUser.MaxUserNameLength];
        }

        if ((DisplayName?.Trim().Length ?? 0) is 0 or > HubUser.MaxDisplayNameLength)
        {
            errors["displayName"] = text["DisplayNameInvalid", HubUser.MaxDisplayNameLength];
        }

        var role = HubRoles.Parse(Role);
        if (role is null)
        {
            errors["role"] = text["RoleInvalid"];
        }
        else if (role == HubRoles.AgencyOfficer && !agencies.Codes.Contains(AgencyCode ?? "", StringComparer.Ordinal))
        {
            errors["agencyCode"] = text["AgencyRequired"];
        }

        if ((Password?.Length ?? 0) < minPasswordLength)
        {
            errors["password"] = text["PasswordTooShort", minPasswordLength];
        }

        return errors;
    }

    public HubUser ToUser()
    {
        var role = HubRoles.Parse(Role)!;
        return new HubUser
        {
            UserName = UserName!.Trim(),
            DisplayName = DisplayName!.Trim(),
            Role = role,
            AgencyCode = role == HubRoles.AgencyOfficer ? AgencyCode : null,
        };
    }
}
