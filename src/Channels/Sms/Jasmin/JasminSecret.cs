using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Channels.Sms.Jasmin;

/// <summary>Checks the shared secret Jasmin presents (query parameter or proxy header) in constant time.</summary>
internal sealed class JasminSecret(IOptions<JasminOptions> options)
{
    // Both sides are hashed first so the comparison takes the same time whatever the length of the guess.
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.InboundSecret) ? null : Hash(options.Value.InboundSecret);

    /// <summary>Whether the request presents a secret at all, and whether it is the right one.</summary>
    public (bool Presented, bool Matches) Check(HttpRequest request)
    {
        var presented = request.Headers[JasminOptions.SecretHeader] is [{ Length: > 0 } header]
            ? header
            : request.Query[JasminOptions.SecretParameter] is [{ Length: > 0 } query] ? query : null;
        return presented is null
            ? (false, false)
            : (true, _expected is not null && CryptographicOperations.FixedTimeEquals(Hash(presented), _expected));
    }

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
