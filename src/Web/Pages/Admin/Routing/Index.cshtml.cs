using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Lapor.Hub.Web.Pages.Admin.Routing;

/// <summary>
/// The routing model for the people who look after it: the model in service, every version with its held-back
/// evaluation and promotion decision (a chart over the table), and retraining on request, in the background.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(
    RoutingModelStore store, RoutingService service, RoutingRetrainer retrainer, RetrainRequests requests,
    IStringLocalizer<RoutingText> text, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>How many versions the page lists, newest first (every version stays on disk and in the API).</summary>
    public const int ShownVersions = 30;

    public RoutingModel? InService => service.Current;

    public bool Training => retrainer.IsTraining || requests.IsPending;

    public IReadOnlyList<PromotionDecision> Versions { get; private set; } = [];

    public int AllVersions { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public void OnGet()
    {
        var all = store.Decisions();
        AllVersions = all.Count;
        Versions = all.Take(ShownVersions).ToArray();
    }

    public IActionResult OnPostRetrain()
    {
        var accepted = requests.Request();
        logger.LogInformation("{Admin} asked for a routing retraining ({Outcome})", User.Identity?.Name, accepted ? "queued" : "one already waiting");
        Notice = text[accepted ? "RetrainStarted" : "RetrainAlreadyWaiting"];
        return RedirectToPage();
    }
}
