using System.Net;
using System.Text.RegularExpressions;

namespace Lapor.Hub.Tests.Console;

/// <summary>
/// Talks to the site the way a browser without JavaScript does: keeps cookies, does not follow redirects (tests look
/// at them), and posts forms with the antiforgery token of the page the form is on.
/// </summary>
public sealed partial class ConsoleClient : IDisposable
{
    private readonly HttpClient _http;

    public ConsoleClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public CookieContainer Cookies { get; }

    /// <summary>The underlying client, for API calls with the session cookie.</summary>
    public HttpClient Http => _http;

    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<HttpResponseMessage> SignInAsync(string userName, string password) =>
        await PostFormAsync("/masuk", "/masuk", new Dictionary<string, string> { ["userName"] = userName, ["password"] = password });

    /// <summary>Opens <paramref name="formPage"/>, takes its antiforgery token, and posts <paramref name="fields"/> to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, IReadOnlyDictionary<string, string> fields)
    {
        var (status, html) = await GetPageAsync(formPage);
        Assert.True(status == HttpStatusCode.OK, $"GET {formPage} answered {(int)status}");
        var token = AntiforgeryToken(html) ?? throw new Xunit.Sdk.XunitException($"No antiforgery token on {formPage}");
        return await PostFormWithTokenAsync(action, fields, token);
    }

    public async Task<HttpResponseMessage> PostFormWithTokenAsync(string action, IReadOnlyDictionary<string, string> fields, string? token)
    {
        var all = new Dictionary<string, string>(fields);
        if (token is not null)
        {
            all["__RequestVerificationToken"] = token;
        }

        return await _http.PostAsync(action, new FormUrlEncodedContent(all));
    }

    /// <summary>A multipart form post (for attachments), with the token of <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string formPage, string action, MultipartFormDataContent content)
    {
        var (_, html) = await GetPageAsync(formPage);
        content.Add(new StringContent(AntiforgeryToken(html) ?? ""), "__RequestVerificationToken");
        return await _http.PostAsync(action, content);
    }

    public static string? AntiforgeryToken(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
