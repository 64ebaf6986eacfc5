using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lapor.Hub.Web.Pages.Errors;

/// <summary>Friendly pages for error statuses of the site's pages (the API keeps answering problem+json).</summary>
public sealed class StatusModel : PageModel
{
    public string TitleKey { get; private set; } = "ErrorGeneric";

    public void OnGet(int code) => TitleKey = code switch
    {
        404 => "ErrorNotFound",
        403 => "AccessDenied",
        429 => "ErrorTooMany",
        400 => "ErrorBadRequest",
        _ => "ErrorGeneric",
    };
}
