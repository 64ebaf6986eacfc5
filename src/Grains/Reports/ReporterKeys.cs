using System.Security.Cryptography;
using System.Text;

namespace Lapor.Hub.Reports;

/// <summary>The secret a reporter receives at filing. Only its hash is stored on the report.</summary>
public static class ReporterKeys
{
    public static string NewKey() => Base64Url(RandomNumberGenerator.GetBytes(18));

    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool Matches(string? storedHash, string? presentedKey) =>
        storedHash is not null && presentedKey is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presentedKey)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
