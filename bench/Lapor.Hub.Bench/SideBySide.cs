using System.Globalization;

namespace Lapor.Hub.Bench;

/// <summary>
/// Rounds of a baseline's run (the raw database, the bare endpoint) and the hub's run, one after the other, and the
/// median of their ratios. On a shared machine one pair can land on a noisy minute: the same pair measured in
/// three rounds moved by ±10 %, the baseline as much as the hub. BENCH_ROUNDS changes the number of rounds.
/// </summary>
internal sealed class SideBySide
{
    public static readonly int Rounds = Math.Max(1, int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), out var rounds) ? rounds : 3);

    /// <summary>After the first round both processes are compiled and warm: a short warm-up brings the load to its steady state.</summary>
    public static readonly TimeSpan LaterWarmup = TimeSpan.FromSeconds(5);

    private readonly List<(LoadResult Baseline, LoadResult Hub)> _pairs = [];

    public static TimeSpan? WarmupOf(int round) => round == 1 ? null : LaterWarmup;

    public void Add(LoadResult baseline, LoadResult hub) => _pairs.Add((baseline, hub));

    public double MedianRatio => Median(_pairs.Select(pair => pair.Hub.Rate / pair.Baseline.Rate));

    public double MedianHubRate => Median(_pairs.Select(pair => pair.Hub.Rate));

    /// <summary>Every round's two rows.</summary>
    public IEnumerable<string> Rows => _pairs.SelectMany((pair, index) => new[]
    {
        $"{pair.Baseline} (round {index + 1})",
        $"{pair.Hub} (round {index + 1})",
    });

    /// <summary>"median 51.2 % of 3 rounds: 49.0 %, 51.2 %, 53.9 %" (with <paramref name="format"/> for each ratio).</summary>
    public string Ratios(string format) =>
        $"median {MedianRatio.ToString(format, CultureInfo.InvariantCulture)} of {_pairs.Count} round(s): "
        + string.Join(", ", _pairs.Select(pair => (pair.Hub.Rate / pair.Baseline.Rate).ToString(format, CultureInfo.InvariantCulture)));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
