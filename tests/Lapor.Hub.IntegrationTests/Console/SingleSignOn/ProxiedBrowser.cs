using System.Net;

namespace Lapor.Hub.Tests.Console.SingleSignOn;

/// <summary>
/// A browser (cookies, no automatic redirects) reaching the hub at https:// through a TLS-terminating proxy on loopback,
/// the way the hub is deployed: requests for the hub arrive over plain HTTP with X-Forwarded-Proto: https, so the
/// sign-in's Secure correlation and nonce cookies are set and sent back as a real browser would. Other hosts (the
/// identity provider) are reached directly.
/// </summary>
public sealed class ProxiedBrowser : IDisposable
{
    private readonly HttpClient _http;

    public ProxiedBrowser(Uri hubBehindProxy)
    {
        _http = new HttpClient(new TlsTerminatingProxy(hubBehindProxy, Cookies));
        _http.DefaultRequestHeaders.Accept.ParseAdd("text/html");
    }

    public CookieContainer Cookies { get; } = new();

    public Task<HttpResponseMessage> GetAsync(Uri url) => _http.GetAsync(url);

    public Task<HttpResponseMessage> PostFormAsync(Uri url, IReadOnlyDictionary<string, string> fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields));

    public void Dispose() => _http.Dispose();

    private sealed class TlsTerminatingProxy(Uri hub, CookieContainer cookies)
        : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var seenByBrowser = request.RequestUri!;
            var cookieHeader = cookies.GetCookieHeader(seenByBrowser);
            if (cookieHeader.Length > 0)
            {
                request.Headers.Add("Cookie", cookieHeader);
            }

            if (seenByBrowser.Scheme == Uri.UriSchemeHttps && seenByBrowser.Authority == hub.Authority)
            {
                request.RequestUri = new UriBuilder(seenByBrowser) { Scheme = Uri.UriSchemeHttp, Port = hub.Port }.Uri;
                request.Headers.Add("X-Forwarded-Proto", "https");
                request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var setCookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                cookies.SetCookies(seenByBrowser, setCookie);
            }

            return response;
        }
    }
}
