using Lapor.Hub.Routing.Model;

namespace Lapor.Hub.Routing;

/// <summary>The label spaces a routing model learns (see <see cref="LabelSpace"/>).</summary>
public static partial class RoutingTrainer
{
    /// <summary>
    /// The labels a model learns, from a set of defining rows: categories with at least MinExamplesPerLabel rows, the
    /// region-relative agency families, the agencies with enough rows, and "(other)" when anything was folded.
    /// Every example gets its class (CategoryY, AgencyY by example index): a label outside the space maps to
    /// "(other)", or to -1 when there is no "(other)" class; a row without the label is -1 too.
    /// </summary>
    internal sealed record LabelSpace(string[] CategoryLabels, string[] AgencyLabels, RegionAgencies Regions, int[] CategoryY, int[] AgencyY)
    {
        public static LabelSpace Build(IReadOnlyList<RoutingExample> examples, int[] rows, RoutingTrainingOptions options)
        {
            var (categoryLabels, _) = Labels(rows.Where(i => examples[i].HasCategory).Select(i => examples[i].Category).ToArray(), options.MinExamplesPerLabel);
            var regions = options.RegionRelativeAgencies
                ? RegionAgencies.Discover(rows.Where(i => examples[i].HasAgency).Select(i => (examples[i].Agency, examples[i].RegionCode)), options.MinExamplesPerLabel)
                : RegionAgencies.None;
            var agencyNames = examples.Select(e => e.HasAgency ? regions.ToLabel(e.Agency, e.RegionCode) : "").ToArray();
            var (agencyLabels, _) = Labels(rows.Where(i => examples[i].HasAgency).Select(i => agencyNames[i]).ToArray(), options.MinExamplesPerLabel);
            return new LabelSpace(
                categoryLabels,
                agencyLabels,
                regions,
                ClassesOf(examples.Select(e => e.Category), categoryLabels),
                ClassesOf(agencyNames, agencyLabels));
        }

        private static int[] ClassesOf(IEnumerable<string> values, string[] labels)
        {
            var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
            var other = index.GetValueOrDefault(RoutingTrainingOptions.OtherLabel, -1);
            return values.Select(v => v.Length == 0 ? -1 : index.TryGetValue(v, out var i) ? i : other).ToArray();
        }
    }

    /// <summary>Label list (common labels in ordinal order, then "(other)" if any label is rare) and each row's class.</summary>
    internal static (string[] Labels, int[] Y) Labels(string[] values, int minExamples)
    {
        var counts = values.GroupBy(v => v, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = counts.Where(p => p.Value >= minExamples).Select(p => p.Key).OrderBy(l => l, StringComparer.Ordinal).ToList();
        if (common.Count < counts.Count)
        {
            common.Add(RoutingTrainingOptions.OtherLabel);
        }

        var index = common.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var other = index.GetValueOrDefault(RoutingTrainingOptions.OtherLabel, -1);
        var y = values.Select(v => index.TryGetValue(v, out var i) ? i : other).ToArray();
        return (common.ToArray(), y);
    }
}
