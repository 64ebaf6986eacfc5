using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>
/// The fields of a call from Jasmin: a form body for POST, the query for GET (the method its HTTP connector is set to),
/// without the secret. Bodies are read up to a limit; the form is parsed by hand so that oversized bodies never reach a buffer.
/// </summary>
internal static class JasminForm
{
    public enum Outcome { Read, TooLarge, Malformed }

    public static async Task<(Outcome Outcome, Dictionary<string, string> Fields)> ReadAsync(HttpContext http, int maxBytes)
    {
        string encoded;
        if (HttpMethods.IsGet(http.Request.Method))
        {
            encoded = http.Request.QueryString.Value ?? "";
        }
        else
        {
            if (http.Request.ContentType is { } type && !type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                return (Outcome.Malformed, []);
            }

            var body = await ReadBodyAsync(http, maxBytes);
            if (body is null)
            {
                return (Outcome.TooLarge, []);
            }

            encoded = Encoding.ASCII.GetString(body);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in QueryHelpers.ParseQuery(encoded))
        {
            if (name != JasminOptions.SecretParameter && values is [{ } value])
            {
                fields[name] = value;
            }
            else if (values.Count > 1)
            {
                return (Outcome.Malformed, []); // one value per field: a repeated one is not Jasmin
            }
        }

        return (Outcome.Read, fields);
    }

    /// <summary>The fields as a form body: what the inbox stores and the processor reads back.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, string>> fields) =>
        string.Join('&', fields.Select(field => $"{Uri.EscapeDataString(field.Key)}={Uri.EscapeDataString(field.Value)}"));

    public static Dictionary<string, string> Decode(string body) =>
        QueryHelpers.ParseQuery(body).ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);

    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, int maxBytes)
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
        var chunk = new byte[16 * 1024];
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

        return buffer.ToArray();
    }
}
