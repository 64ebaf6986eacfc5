namespace Lapor.Hub.Web.Pages.Admin;

/// <summary>
/// Reads a category or agency picker. Admins type the code, pick "CODE — Name" from the list, or type the name exactly
/// as the page shows it; all three mean the same choice.
/// </summary>
public static class PickedCode
{
    /// <summary>The code of the choice typed; an unknown entry comes back as its upper-cased code part, which validation refuses.</summary>
    public static string Of(string? typed, IEnumerable<(string Code, string Name)> choices)
    {
        var entry = string.Join(' ', (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var codePart = entry.Split('—', 2)[0].Trim();
        foreach (var (code, name) in choices)
        {
            if (string.Equals(code, codePart, StringComparison.OrdinalIgnoreCase)
                || string.Equals(name, entry, StringComparison.CurrentCultureIgnoreCase))
            {
                return code;
            }
        }

        return codePart.ToUpperInvariant();
    }
}
