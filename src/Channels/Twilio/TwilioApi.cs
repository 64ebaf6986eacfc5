using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Twilio.Clients;
using Twilio.Http;
using NetHttpClient = System.Net.Http.HttpClient;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// The account's connection to Twilio's REST API: the real Twilio client, whose requests (always composed for
/// https://api.twilio.com) are sent to <see cref="TwilioOptions.ApiBaseUrl"/> when one is configured, and an HTTP client
/// for the media URLs of inbound messages, which Twilio serves to the account's credentials.
/// </summary>
public sealed class TwilioApi : IDisposable
{
    /// <summary>Twilio's own API host; the library builds every URL on it.</summary>
    public static readonly Uri TwilioApiBase = new("https://api.twilio.com");

    private static readonly AsyncLocal<TwilioResponseNote?> CurrentNote = new();
    private readonly NetHttpClient _apiHttp;

    public TwilioApi(IOptions<TwilioOptions> options)
    {
        var settings = options.Value;
        ApiBase = settings.ApiBaseUrl is { } configured ? new Uri(configured) : TwilioApiBase;
        _apiHttp = new NetHttpClient(new ApiHostHandler(ApiBase) { InnerHandler = new HttpClientHandler() }) { Timeout = settings.RequestTimeout };
        Rest = new TwilioRestClient(settings.AccountSid, settings.AuthToken, settings.AccountSid, httpClient: new SystemNetHttpClient(_apiHttp));
        Media = new NetHttpClient(new HttpClientHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = 5 }) { Timeout = settings.RequestTimeout };
        Credentials = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
    }

    /// <summary>Where API calls go: Twilio's own host or the configured one.</summary>
    public Uri ApiBase { get; }

    public ITwilioRestClient Rest { get; }

    /// <summary>For media downloads; the credentials are added only for URLs on the API host (<see cref="MediaRequest"/>).</summary>
    public NetHttpClient Media { get; }

    private AuthenticationHeaderValue Credentials { get; }

    /// <summary>
    /// Starts noting what Twilio answers on this async flow: the library's exceptions carry neither a 429's Retry-After nor,
    /// for a body that is not Twilio's error JSON, the HTTP status.
    /// </summary>
    public static TwilioResponseNote NoteResponses() => CurrentNote.Value = new TwilioResponseNote();

    /// <summary>A GET of an inbound message's media URL: moved onto the configured API host, with the account's credentials only there.</summary>
    public HttpRequestMessage MediaRequest(Uri mediaUrl)
    {
        var url = OnApiHost(mediaUrl, ApiBase);
        var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, url);
        if (Uri.Compare(url, ApiBase, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        {
            // On a redirect (Twilio sends media on to its storage) HttpClient drops this header, as it should.
            request.Headers.Authorization = Credentials;
        }

        return request;
    }

    public void Dispose()
    {
        _apiHttp.Dispose();
        Media.Dispose();
    }

    private static Uri OnApiHost(Uri url, Uri apiBase) =>
        url.Host.Equals(TwilioApiBase.Host, StringComparison.OrdinalIgnoreCase) && apiBase != TwilioApiBase
            ? new Uri(apiBase, url.PathAndQuery)
            : url;

    /// <summary>Sends the library's requests to the configured API host and notes the answer's status and Retry-After.</summary>
    private sealed class ApiHostHandler(Uri apiBase) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { } url)
            {
                request.RequestUri = OnApiHost(url, apiBase);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (CurrentNote.Value is { } note)
            {
                note.Status = response.StatusCode;
                note.RetryAfter = response.Headers.RetryAfter switch
                {
                    { Delta: { } delta } => delta,
                    { Date: { } date } => date - DateTimeOffset.UtcNow,
                    _ => null,
                };
            }

            return response;
        }
    }
}

/// <summary>What Twilio last answered on one async flow.</summary>
public sealed class TwilioResponseNote
{
    public HttpStatusCode? Status { get; set; }

    public TimeSpan? RetryAfter { get; set; }
}
