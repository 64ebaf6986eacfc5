using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Lapor.Hub.Tests.Console;

/// <summary>
/// Every user-facing word exists in Indonesian and in English, and every key a page asks for exists: a missing key would
/// otherwise show its raw name to a citizen.
/// </summary>
public sealed partial class ResourceTests
{
    private static readonly string SourceRoot = FindSourceRoot();

    public static TheoryData<string> IndonesianResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SourceRoot, "*.resx", SearchOption.AllDirectories)
                     .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(SourceRoot, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IndonesianResourceFiles))]
    public void Each_indonesian_resource_has_an_english_twin_with_the_same_keys_and_no_empty_text(string relativePath)
    {
        var indonesian = Read(Path.Combine(SourceRoot, relativePath));
        var english = Read(Path.Combine(SourceRoot, relativePath[..^".resx".Length] + ".en.resx"));

        Assert.Equal(indonesian.Keys.Order(), english.Keys.Order());
        Assert.DoesNotContain(indonesian, pair => string.IsNullOrWhiteSpace(pair.Value));
        Assert.DoesNotContain(english, pair => string.IsNullOrWhiteSpace(pair.Value));
    }

    [Fact]
    public void Every_literal_key_a_page_asks_for_exists()
    {
        var resources = Directory.EnumerateFiles(Path.Combine(SourceRoot, "Web"), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Read(f).Keys.ToHashSet());
        var missing = new List<string>();
        foreach (var page in Directory.EnumerateFiles(Path.Combine(SourceRoot, "Web", "Pages"), "*.cshtml", SearchOption.AllDirectories))
        {
            var razor = File.ReadAllText(page);
            var localizers = new Dictionary<string, string> { ["T"] = "SiteText" };
            var imports = ViewImportsAbove(page).Select(File.ReadAllText);
            foreach (Match inject in imports.Append(razor).SelectMany(text => InjectPattern().Matches(text)))
            {
                localizers[inject.Groups[2].Value] = inject.Groups[1].Value.Split('.')[^1];
            }

            foreach (var (name, resource) in localizers)
            {
                // T["Key"] must exist; T["Prefix" + value] needs at least one key with that prefix.
                foreach (Match use in new Regex($@"(?<![\w.]){name}\[""([A-Za-z0-9]+)""\s*(\+)?").Matches(razor))
                {
                    var key = use.Groups[1].Value;
                    var isPrefix = use.Groups[2].Success;
                    if (!resources.TryGetValue(resource, out var keys) || !(isPrefix ? keys.Any(k => k.StartsWith(key, StringComparison.Ordinal)) : keys.Contains(key)))
                    {
                        missing.Add($"{Path.GetRelativePath(SourceRoot, page)}: {resource}[\"{use.Groups[1].Value}\"]");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    /// <summary>The _ViewImports files that apply to <paramref name="page"/>, outermost first (their injections count too).</summary>
    private static IEnumerable<string> ViewImportsAbove(string page)
    {
        var pagesRoot = Path.Combine(SourceRoot, "Web", "Pages");
        var folders = new List<string>();
        for (var folder = Path.GetDirectoryName(page)!; folder.StartsWith(pagesRoot, StringComparison.Ordinal); folder = Path.GetDirectoryName(folder)!)
        {
            folders.Insert(0, folder);
        }

        return folders.Select(f => Path.Combine(f, "_ViewImports.cshtml")).Where(File.Exists);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string FindSourceRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lapor.Hub.sln")))
            {
                return Path.Combine(directory.FullName, "src");
            }
        }

        throw new DirectoryNotFoundException("Lapor.Hub.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"@inject\s+IStringLocalizer<([\w.]+)>\s+(\w+)")]
    private static partial Regex InjectPattern();
}
