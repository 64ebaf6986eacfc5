namespace Lapor.Hub.Web.Pages.Admin.Accounts;

/// <summary>The account management page's words (AccountsText.resx: Indonesian; AccountsText.en.resx: English).</summary>
public sealed class AccountsText;
