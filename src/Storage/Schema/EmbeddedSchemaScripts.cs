using System.Globalization;
using System.Reflection;

namespace Lapor.Hub.Storage;

/// <summary>The <c>Sql/{Provider}/*.sql</c> files embedded in this assembly, in the order they are applied.</summary>
internal static class EmbeddedSchemaScripts
{
    /// <summary>Every script of <paramref name="provider"/>, ordered by numeric prefix (10-, 20-, … 100-), then name.</summary>
    public static IReadOnlyList<SchemaScript> For(HubStorageProvider provider)
    {
        var assembly = typeof(EmbeddedSchemaScripts).Assembly;
        var folder = $".Sql.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.Contains(folder, StringComparison.Ordinal)
                && resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            .Select(resource => new SchemaScript(
                Name: resource[(resource.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..],
                Sql: Read(assembly, resource)))
            .OrderBy(script => NumericPrefix(script.Name))
            .ThenBy(script => script.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded schema script '{resource}' cannot be read.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static long NumericPrefix(string name)
    {
        var digits = name.TakeWhile(char.IsAsciiDigit).Count();
        return digits == 0 ? long.MaxValue : long.Parse(name.AsSpan(0, Math.Min(digits, 18)), CultureInfo.InvariantCulture);
    }
}
