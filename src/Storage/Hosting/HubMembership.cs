using Orleans.Configuration;

namespace Lapor.Hub.Storage;

/// <summary>
/// The hub's cluster-membership defaults (ADR 33), applied before <c>Silo:Membership</c> so any of them can be
/// overridden there. Orleans' own defaults (5 s probes, a 60 s table refresh, 2-minute votes) leave a dead node's
/// grains unreachable for 20 s or more; these detect a silent node in about 3 × 2 s. They stay safe on a loaded
/// machine because Orleans widens a probe's timeout while the prober itself is degraded
/// (<see cref="ClusterMembershipOptions.ExtendProbeTimeoutDuringDegradation"/>) and adapts it to observed response
/// times up to <see cref="ClusterMembershipOptions.MaxProbeTimeout"/>.
/// </summary>
public static class HubMembership
{
    /// <summary>The configuration section bound onto <see cref="ClusterMembershipOptions"/>.</summary>
    public const string SectionName = "Silo:Membership";

    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public const int NumMissedProbesLimit = 3;

    /// <summary>A crashed node's entry is seen as stale after 2 × this, even if no peer probed it.</summary>
    public static readonly TimeSpan IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Votes of one failure episode count together; a vote older than this is forgotten.</summary>
    public static readonly TimeSpan DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How often each node reads the table; gossip spreads changes at once, this only catches up.</summary>
    public static readonly TimeSpan TableRefreshTimeout = TimeSpan.FromSeconds(10);

    public static void ApplyDefaults(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = NumMissedProbesLimit;
        options.IAmAliveTablePublishTimeout = IAmAliveTablePublishTimeout;
        options.DeathVoteExpirationTimeout = DeathVoteExpirationTimeout;
        options.TableRefreshTimeout = TableRefreshTimeout;
    }
}
