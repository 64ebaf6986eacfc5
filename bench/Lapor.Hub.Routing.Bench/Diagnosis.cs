using System.Globalization;
using Lapor.Hub.Routing.Model;
using Lapor.Hub.Routing.Text;

namespace Lapor.Hub.Routing.Bench;

/// <summary>
/// What the labels themselves allow, measured without any model, so that the accuracy figures can be read against it:
/// reports with the same words routed differently (no text-only model can get both right), how completely the topic
/// decides the agency, and how many test reports carry a topic that was new in the test period.
/// </summary>
internal static class Diagnosis
{
    /// <summary>Texts shorter than this many distinct words are left out of the duplicate groups ("jalan rusak").</summary>
    private const int MinDistinctWords = 6;

    public static void Print(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test, int minExamplesPerLabel)
    {
        Console.WriteLine("Label diagnosis (no model involved)");
        SameWordsDifferentLabels(train.Concat(test).ToArray());
        TopicDecidesAgency(train, test, minExamplesPerLabel);
        NewTopics(train, test, minExamplesPerLabel);
    }

    private static void SameWordsDifferentLabels(IReadOnlyList<RoutingExample> all)
    {
        var groups = all
            .Select(e => (Key: string.Join(' ', IndonesianTextNormalizer.Tokenize(e.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), Example: e))
            .Where(p => p.Key.Count(c => c == ' ') + 1 >= MinDistinctWords)
            .GroupBy(p => p.Key, p => p.Example, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToArray();
        if (groups.Length == 0)
        {
            Console.WriteLine($"  same words, filed more than once: none (at least {MinDistinctWords} distinct words, whole file)");
            return;
        }

        var rows = groups.Sum(g => g.Count());
        double Majority(Func<RoutingExample, string> label) =>
            (double)groups.Sum(g => g.GroupBy(label, StringComparer.Ordinal).Max(l => l.Count())) / rows;
        int Split(Func<RoutingExample, string> label) => groups.Count(g => g.Select(label).Distinct(StringComparer.Ordinal).Count() > 1);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  same words, filed more than once: {groups.Length} groups, {rows} reports (at least {MinDistinctWords} distinct words, whole file)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    routed to different agencies in {Split(e => e.Agency)} groups, different topics in {Split(e => e.Category)};"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    a model that always answers a group's majority label is right for {Majority(e => e.Agency):P1} of these reports' agencies, {Majority(e => e.Category):P1} of their topics"));
    }

    private static void TopicDecidesAgency(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test, int minExamplesPerLabel)
    {
        // Agencies named after the report's own region ("Kelurahan Ujung") count as their family, as the model learns them.
        var families = RegionAgencies.Discover(train.Select(e => (e.Agency, e.RegionCode)), minExamplesPerLabel);
        string Agency(RoutingExample e) => families.ToLabel(e.Agency, e.RegionCode);
        var usual = train
            .GroupBy(e => e.Category, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(Agency, StringComparer.Ordinal).MaxBy(a => a.Count())!.Key, StringComparer.Ordinal);
        var known = test.Count(e => usual.ContainsKey(e.Category));
        var decided = test.Count(e => usual.TryGetValue(e.Category, out var agency) && agency == Agency(e));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  the topic decides the agency: its usual agency in training (a region's own kelurahan or kecamatan counted as one) is"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    the agency of {(double)decided / test.Count:P1} of test reports ({decided} of {test.Count}; {test.Count - known} have a topic unseen in training): agency errors are topics mistaken across agencies"));
    }

    private static void NewTopics(IReadOnlyList<RoutingExample> train, IReadOnlyList<RoutingExample> test, int minExamplesPerLabel)
    {
        var trained = train.GroupBy(e => e.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rare = test
            .Where(e => trained.GetValueOrDefault(e.Category) < minExamplesPerLabel)
            .GroupBy(e => e.Category, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ToArray();
        var rows = rare.Sum(g => g.Count());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  test reports whose topic had fewer than {minExamplesPerLabel} training examples: {rows} ({(double)rows / test.Count:P1}), in {rare.Length} topics; the largest:"));
        foreach (var group in rare.Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {group.Key} ({group.Count()} test reports, {trained.GetValueOrDefault(group.Key)} in training, first on {group.Min(e => e.At):yyyy-MM-dd})"));
        }
    }
}
