using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>
/// Reads the silo's own instruments (meter <c>Microsoft.Orleans</c>) in-process: reminders loaded by the reminder service,
/// grain activations, and every value of <c>orleans-reminders-tardiness</c>.
/// </summary>
internal sealed class OrleansMeters : IDisposable
{
    private const string ActiveReminders = "orleans-reminders-active";
    private const string Activations = "orleans-catalog-activations";
    private const string Tardiness = "orleans-reminders-tardiness";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _latest = new();
    private readonly ConcurrentQueue<double> _tardiness = new();

    public OrleansMeters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Microsoft.Orleans" && instrument.Name is ActiveReminders or Activations or Tardiness)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => Record(instrument, value));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Record(instrument, value));
        _listener.Start();
    }

    /// <summary>Reminders the local reminder service holds (its in-memory list, loaded from the table after start).</summary>
    public long RemindersLoaded => (long)Observe(ActiveReminders);

    public long GrainActivations => (long)Observe(Activations);

    /// <summary>Orleans' own tardiness of each delivered tick (how late the reminder service started delivering it).</summary>
    public IReadOnlyList<double> TardinessValues => _tardiness.ToArray();

    public string TardinessUnit { get; private set; } = "";

    public void Dispose() => _listener.Dispose();

    private double Observe(string name)
    {
        _latest.TryRemove(name, out _);
        _listener.RecordObservableInstruments();
        return _latest.TryGetValue(name, out var value) ? value : 0;
    }

    private void Record(Instrument instrument, double value)
    {
        if (instrument.Name == Tardiness)
        {
            TardinessUnit = instrument.Unit ?? "";
            _tardiness.Enqueue(value);
        }
        else
        {
            // A gauge may report one value per silo or per tag set: the bench runs one silo, so add them up.
            _latest.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
        }
    }
}
