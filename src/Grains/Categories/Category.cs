using Lapor.Hub.Data;

namespace Lapor.Hub.Categories;

public sealed record Category(string Code, string Name);

/// <summary>LAPOR!'s main complaint categories, the labels admins confirm and the routing model learns.</summary>
public sealed class CategoryCatalog
{
    private readonly Dictionary<string, Category> _byCode;

    public CategoryCatalog(IEnumerable<Category> categories) =>
        _byCode = categories.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static string DefaultDataPath => Path.Combine(AppContext.BaseDirectory, "data", "categories.csv");

    public IReadOnlyCollection<Category> All => _byCode.Values;

    public bool Contains(string code) => _byCode.ContainsKey(code);

    public Category? Find(string code) => _byCode.GetValueOrDefault(code);

    public static CategoryCatalog LoadFile(string path) =>
        new(CsvReader.ReadTable(path, allowComments: true).Select(record => new Category(record.Row["code"], record.Row["name"])));
}
