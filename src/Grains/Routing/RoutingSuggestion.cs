namespace Lapor.Hub.Routing;

/// <summary>One label the routing model proposes, with its calibrated confidence in [0, 1].</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.LabelScore")]
public sealed record LabelScore([property: Id(0)] string Label, [property: Id(1)] float Confidence);

/// <summary>The top categories and agencies the model proposed for a report, and which model said so.</summary>
[GenerateSerializer, Immutable, Alias("Lapor.Hub.RoutingSuggestion")]
public sealed record RoutingSuggestion(
    [property: Id(0)] IReadOnlyList<LabelScore> Categories,
    [property: Id(1)] IReadOnlyList<LabelScore> Agencies,
    [property: Id(2)] string ModelVersion);

/// <summary>Suggests a category and agency for a report's text. Thread-safe and fast (well under a millisecond).</summary>
public interface IRoutingSuggester
{
    /// <summary>The suggestion, or null while no model is loaded.</summary>
    RoutingSuggestion? Suggest(string text, string? regionCode);
}
