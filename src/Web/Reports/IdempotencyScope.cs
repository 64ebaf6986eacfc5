using System.Net;
using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Reports.Access;
using Lapor.Hub.Web.Privacy;

namespace Lapor.Hub.Web.Reports;

/// <summary>
/// An Idempotency-Key names a retry of one caller's request, not a filing anyone may claim: the same key from another
/// caller files a report of its own and never receives the first filing's reporter key. A signed-in account or the
/// operator key is the caller; an anonymous caller is its client address (behind the proxy, the forwarded one).
/// </summary>
public static class IdempotencyScope
{
    public static string FilingKey(Viewer caller, IPAddress? clientAddress, string idempotencyKey)
    {
        var callerId = caller.Kind == ViewerKind.Public ? $"client:{clientAddress?.ToString() ?? "unknown"}" : $"{caller.Kind}:{caller.Id}";
        // Hashed: the filing grain's key is stored, and neither the address nor the client's key needs to be.
        var scoped = SHA256.HashData(Encoding.UTF8.GetBytes($"{callerId}\n{idempotencyKey}"));
        return $"api:{Convert.ToHexStringLower(scoped)}";
    }
}
