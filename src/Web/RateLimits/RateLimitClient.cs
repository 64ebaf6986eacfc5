using System.Security.Cryptography;
using System.Text;
using Lapor.Hub.Web.Reports;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Web.RateLimits;

/// <summary>
/// Who a public request comes from, for the per-client limits: the browser, by a signed cookie the hub hands out on the
/// first limited request; else an API client, by the reporter key it presents. Keys are not proof of anything (a client
/// can drop its cookie or invent a key), which is why every public limit also has a per-address ceiling.
/// </summary>
public static class RateLimitClient
{
    public const string CookieName = "lapor-client";

    private const string Purpose = "Lapor.Hub.RateLimits.Client";
    private static readonly object ItemKey = new();

    /// <summary>"browser:…" or "reporter:…"; a request with neither gets a new browser cookie and counts under it.</summary>
    public static string KeyOf(HttpContext http)
    {
        if (http.Items[ItemKey] is string known)
        {
            return known;
        }

        var key = SignedBrowserId(http) is { } browser ? $"browser:{browser}"
            : ReporterKey(http) is { } reporter ? $"reporter:{reporter}"
            : $"browser:{IssueBrowserId(http)}";
        http.Items[ItemKey] = key;
        return key;
    }

    /// <summary>The browser's id when it presents the hub's cookie unaltered (without handing out a new one).</summary>
    public static string? SignedBrowserId(HttpContext http)
    {
        if (http.Request.Cookies[CookieName] is not { Length: > 0 and <= 512 } cookie)
        {
            return null;
        }

        try
        {
            return Protector(http).Unprotect(cookie);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static string? ReporterKey(HttpContext http)
    {
        var presented = http.Request.Headers[ReportEndpoints.ReporterKeyHeader].ToString();
        return presented.Length is > 0 and <= 256
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)))[..32]
            : null;
    }

    private static string IssueBrowserId(HttpContext http)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, Protector(http).Protect(id), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
        });
        return id;
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
