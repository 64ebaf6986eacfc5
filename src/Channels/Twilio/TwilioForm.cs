using System.Text;
using Lapor.Hub.Channels.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>A Twilio webhook's form body: read within a size bound, kept as sent (for the inbox) and as fields.</summary>
public sealed class TwilioForm
{
    private TwilioForm(string raw, Dictionary<string, string> fields)
    {
        Raw = raw;
        Fields = fields;
    }

    /// <summary>The body exactly as Twilio posted it (application/x-www-form-urlencoded).</summary>
    public string Raw { get; }

    /// <summary>The fields by name; a repeated name keeps its first value.</summary>
    public Dictionary<string, string> Fields { get; }

    public string? this[string name] => Fields.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    /// <summary>Fields from a stored <see cref="Raw"/> body.</summary>
    public static TwilioForm Parse(string raw)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(raw))
        {
            fields[name] = values.FirstOrDefault() ?? "";
        }

        return new TwilioForm(raw, fields);
    }

    /// <summary>
    /// The request's form, or null if the body is longer than <paramref name="maxBytes"/>. A body that is not a form
    /// has no fields (its signature is then checked over the URL alone, and it is refused for what it lacks).
    /// </summary>
    public static async Task<TwilioForm?> ReadAsync(HttpContext http, int maxBytes)
    {
        if (await BoundedBody.ReadAsync(http, maxBytes) is not { } body)
        {
            return null;
        }

        var raw = Encoding.UTF8.GetString(body);
        return http.Request.HasFormContentType ? Parse(raw) : new TwilioForm(raw, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
