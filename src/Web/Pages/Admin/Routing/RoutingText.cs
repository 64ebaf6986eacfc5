namespace Lapor.Hub.Web.Pages.Admin.Routing;

/// <summary>The routing model page's words (RoutingText.resx: Indonesian; RoutingText.en.resx: English).</summary>
public sealed class RoutingText;
