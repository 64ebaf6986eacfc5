namespace Lapor.Hub.Routing;

/// <summary>
/// An admin's confirmed routing of a report: a labelled example for retraining, and a record of whether
/// the model's first suggestion was right. Secret reports never become examples.
/// </summary>
public sealed record RoutingFeedback(
    string TrackingId,
    int Version,
    string Text,
    string? RegionCode,
    string CategoryCode,
    string AgencyCode,
    DateTimeOffset ConfirmedAt,
    string? SuggestedCategory,
    string? SuggestedAgency,
    string? ModelVersion);

/// <summary>Stores confirmed routings; idempotent by tracking ID and version.</summary>
public interface IRoutingFeedbackStore
{
    Task UpsertAsync(RoutingFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Every confirmed routing, oldest first.</summary>
    Task<IReadOnlyList<RoutingFeedback>> ReadAllAsync(CancellationToken cancellationToken = default);
}
