using System.Diagnostics.Metrics;
using Lapor.Hub.Reports;

namespace Lapor.Hub.Telemetry;

/// <summary>OpenTelemetry-compatible counters for what operators watch: intake, flow, and missed deadlines.</summary>
public sealed class HubMetrics
{
    public const string MeterName = "Lapor.Hub";

    private readonly Counter<long> _reportsFiled;
    private readonly Counter<long> _stateChanges;
    private readonly Counter<long> _deadlinesMissed;

    public HubMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _reportsFiled = meter.CreateCounter<long>("lapor.reports.filed", "{report}", "Reports filed, by channel");
        _stateChanges = meter.CreateCounter<long>("lapor.reports.state_changes", "{change}", "Report status changes, by from and to status");
        _deadlinesMissed = meter.CreateCounter<long>("lapor.deadlines.missed", "{deadline}", "Verification and follow-up deadlines missed, by kind");
    }

    public void ReportFiled(string channel) => _reportsFiled.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void StatusChanged(ReportStatus from, ReportStatus to)
    {
        if (from != to)
        {
            _stateChanges.Add(1, new("from", from.ToString()), new("to", to.ToString()));
        }
    }

    public void DeadlineMissed(DeadlineKind kind) => _deadlinesMissed.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString()));
}
