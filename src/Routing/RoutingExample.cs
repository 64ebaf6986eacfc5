namespace Lapor.Hub.Routing;

/// <summary>
/// One labelled report for training or evaluation: its text, the category and agency it was routed to,
/// the reporter's region when known, and when it was filed (used to hold back the latest reports).
/// A region is a path: segments separated by '/' ("Tegalsari/Dr. Soetomo"), or a dotted Kemendagri code
/// ("35.78.01.1001"); every prefix of the path is a feature. An empty <see cref="Category"/> or <see cref="Agency"/>
/// means the row has no label for that task: it trains and is evaluated on the other task only.
/// </summary>
public sealed record RoutingExample(string Text, string Category, string Agency, string? RegionCode = null, DateTimeOffset? At = null)
{
    public bool HasCategory => Category.Length > 0;

    public bool HasAgency => Agency.Length > 0;
}
