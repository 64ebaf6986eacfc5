using System.Text;
using Lapor.Hub.Agencies;
using Lapor.Hub.Categories;
using Lapor.Hub.Data;
using Lapor.Hub.Regions;

namespace Lapor.Hub.Tests.Routing.Seed;

/// <summary>
/// The seed examples shipped with the Routing project (copied to data/routing/seed-examples.csv) give a fresh
/// installation routing suggestions from the first start, so every label must be a code the hub knows.
/// </summary>
public sealed class SeedDataTests
{
    private const int MinimumExamplesPerCategory = 14;
    private const int MinimumTextLength = 30;
    private const int MaximumTextLength = 600;

    private static readonly string SeedPath = Path.Combine(AppContext.BaseDirectory, "data", "routing", "seed-examples.csv");

    private static IReadOnlyList<(int Line, IReadOnlyDictionary<string, string> Row)> Rows() =>
        CsvReader.ReadTable(SeedPath, allowComments: true).ToArray();

    [Fact]
    public void The_file_is_copied_beside_the_binaries()
    {
        Assert.True(File.Exists(SeedPath), $"{SeedPath} is missing: the Routing project should copy Seed/*.csv to data/routing.");
    }

    [Fact]
    public void The_header_is_text_category_agency_region_code()
    {
        using var reader = new StreamReader(SeedPath, Encoding.UTF8);
        var header = CsvReader.Read(reader, SeedPath, allowComments: true).First();

        Assert.Equal(["text", "category", "agency", "region_code"], header.Fields.Select(f => f.Trim().TrimStart('\uFEFF')));
    }

    [Fact]
    public void Every_category_is_a_lapor_main_category()
    {
        var categories = CategoryCatalog.LoadFile(CategoryCatalog.DefaultDataPath);

        var unknown = Rows()
            .Where(r => !categories.Contains(r.Row["category"]))
            .Select(r => $"line {r.Line}: '{r.Row["category"]}'");

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_agency_is_in_the_agency_list()
    {
        var agencies = AgencyCatalog.LoadFile(AgencyCatalog.DefaultDataPath).Select(a => a.Code).ToHashSet(StringComparer.Ordinal);

        var unknown = Rows()
            .Where(r => !agencies.Contains(r.Row["agency"]))
            .Select(r => $"line {r.Line}: '{r.Row["agency"]}'");

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_region_code_given_is_a_kemendagri_code()
    {
        var regions = RegionCatalog.LoadFile(RegionCatalog.DefaultDataPath);

        var rows = Rows();
        var unknown = rows
            .Where(r => r.Row["region_code"].Length > 0 && !regions.Contains(r.Row["region_code"]))
            .Select(r => $"line {r.Line}: '{r.Row["region_code"]}'");

        Assert.Empty(unknown);
        Assert.Contains(rows, r => r.Row["region_code"].Length > 0);
    }

    [Fact]
    public void Every_category_has_at_least_six_examples()
    {
        var categories = CategoryCatalog.LoadFile(CategoryCatalog.DefaultDataPath);
        var counts = Rows().GroupBy(r => r.Row["category"], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var thin = categories.All
            .Where(c => counts.GetValueOrDefault(c.Code) < MinimumExamplesPerCategory)
            .Select(c => $"{c.Code}: {counts.GetValueOrDefault(c.Code)}");

        Assert.NotEmpty(categories.All);
        Assert.Empty(thin);
    }

    [Fact]
    public void Texts_are_unique_and_of_a_plausible_length()
    {
        var rows = Rows();

        var badLength = rows
            .Where(r => r.Row["text"].Length is < MinimumTextLength or > MaximumTextLength)
            .Select(r => $"line {r.Line}: {r.Row["text"].Length} characters");
        var duplicates = rows
            .GroupBy(r => r.Row["text"].Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1)
            .Select(g => $"lines {string.Join(", ", g.Select(r => r.Line))}");

        Assert.Empty(badLength);
        Assert.Empty(duplicates);
    }
}
