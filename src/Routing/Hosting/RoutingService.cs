namespace Lapor.Hub.Routing.Hosting;

/// <summary>The model in service. Swapping is one reference assignment, so suggestions never wait for a retrain.</summary>
public sealed class RoutingService : IRoutingSuggester
{
    private volatile RoutingModel? _current;

    public RoutingModel? Current => _current;

    public RoutingSuggestion? Suggest(string text, string? regionCode) => _current?.Suggest(text, regionCode);

    public void Swap(RoutingModel model) => _current = model;
}
