using System.Security.Cryptography;
using System.Text;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>
/// Calls the hub's Twilio webhooks as Twilio does: a form body, signed in <c>X-Twilio-Signature</c> with the account's auth
/// token over the URL configured at Twilio (the hub's public URL, not the loopback address the test really calls):
/// base64 of HMAC-SHA1 over the URL followed by each parameter's name and value, sorted by name
/// (https://www.twilio.com/docs/usage/security#validating-requests).
/// </summary>
public sealed class TwilioWebhookPoster(Uri hubAddress, string publicBaseUrl, string authToken) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = hubAddress };

    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(authToken));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>Posts <paramref name="fields"/> to <paramref name="path"/>, signed; <paramref name="signature"/> overrides it ("" sends none).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, IReadOnlyDictionary<string, string> fields, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        signature ??= Sign(authToken, publicBaseUrl.TrimEnd('/') + path, fields);
        if (signature.Length > 0)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return await _http.SendAsync(request);
    }

    /// <summary>Posts a raw body of any content type, signed over the URL alone (there are no form parameters to sign).</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add("X-Twilio-Signature", Sign(authToken, publicBaseUrl.TrimEnd('/') + path, []));
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
