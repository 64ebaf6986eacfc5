using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Twilio.Security;

namespace Lapor.Hub.Channels.Twilio;

/// <summary>
/// Checks <c>X-Twilio-Signature</c>: HMAC-SHA1, keyed by the auth token, of the URL Twilio called followed by the form
/// parameters sorted by name, base64. The URL is rebuilt from <see cref="TwilioOptions.PublicBaseUrl"/>, not from what
/// the request says about its host, so a proxy in front of the hub changes nothing.
/// </summary>
public sealed class TwilioSignature(IOptions<TwilioOptions> options)
{
    public const string Header = "X-Twilio-Signature";

    public bool IsValid(HttpRequest request, IDictionary<string, string> form)
    {
        var signature = request.Headers[Header].ToString();
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(options.Value.AuthToken))
        {
            return false;
        }

        var url = options.Value.PublicUrl(request.Path.Value + request.QueryString.Value);
        // A validator per call: it holds an HMAC instance, which is not safe to share between threads.
        return new RequestValidator(options.Value.AuthToken).Validate(url, form, signature);
    }
}
