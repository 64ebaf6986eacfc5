using System.Text;
using Lapor.Hub.Channels.Hosting;
using Microsoft.AspNetCore.Http;
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

            var body = await BoundedBody.ReadAsync(http, maxBytes);
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

}
