using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
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
        if (http.Request.ContentLength > maxBytes)
        {
            return null;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        var raw = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return http.Request.HasFormContentType ? Parse(raw) : new TwilioForm(raw, new Dictionary<string, string>(StringComparer.Ordinal));
    }
}
