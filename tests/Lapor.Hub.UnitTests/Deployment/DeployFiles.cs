using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>The files under deploy/, read from the source tree (found by walking up to Lapor.Hub.sln).</summary>
internal static class DeployFiles
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Folder => Path.Combine(RepositoryRoot, "deploy");

    public static string PathOf(string relative) => Path.Combine(Folder, relative);

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static IEnumerable<string> YamlFiles() =>
        Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Every document of a YAML file as plain maps, lists and strings, with merge keys (<c>&lt;&lt;: *anchor</c>) resolved.</summary>
    public static IReadOnlyList<object> Documents(string path)
    {
        var deserializer = new DeserializerBuilder().Build();
        using var reader = new StringReader(File.ReadAllText(path));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object>(parser);
            if (document is not null)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Lapor.Hub.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Lapor.Hub.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Walks the maps and lists YamlDotNet gives for untyped YAML.</summary>
internal static class YamlTree
{
    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            node = node is IDictionary<object, object?> map && map.TryGetValue(key, out var child) ? child : null;
        }

        return node;
    }

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;

    public static IReadOnlyList<object?> Items(this object? node, params string[] path) =>
        node.At(path) is IList<object?> list ? [.. list] : [];

    public static IReadOnlyDictionary<string, object?> Entries(this object? node, params string[] path) =>
        node.At(path) is IDictionary<object, object?> map
            ? map.ToDictionary(entry => (string)entry.Key, entry => entry.Value)
            : new Dictionary<string, object?>();

    public static IReadOnlyDictionary<string, string> Labels(this object? node, params string[] path) =>
        node.Entries(path).ToDictionary(entry => entry.Key, entry => entry.Value as string ?? "");

    /// <summary>True when every label of <paramref name="selector"/> is on <paramref name="labels"/> with the same value.</summary>
    public static bool Selects(this IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(label => labels.TryGetValue(label.Key, out var value) && value == label.Value);
}
