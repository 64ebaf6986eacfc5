namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>The admin console's words (AdminText.resx: Indonesian; AdminText.en.resx: English).</summary>
public sealed class AdminText;
