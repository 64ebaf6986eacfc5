using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Lapor.Hub.Channels.Media;

/// <summary>
/// Links to one file of a report that is not public, for someone the hub already let see the report but who cannot prove
/// it on every request: the reporter on the tracking page (their key is not sent with an &lt;img&gt;), the citizen following
/// a follow-up's attachment from their chat. The grant names the file and expires; it opens nothing else.
/// </summary>
public sealed class MediaGrants(IDataProtectionProvider dataProtection)
{
    public const string QueryName = "grant";

    /// <summary>Long enough to view a page, short enough that a copied link soon stops working.</summary>
    public static readonly TimeSpan PageLifetime = TimeSpan.FromHours(2);

    /// <summary>For a file sent into the citizen's chat: they may open it again weeks later.</summary>
    public static readonly TimeSpan ChatLifetime = TimeSpan.FromDays(90);

    private const int MaxGrantLength = 1000;

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("Lapor.Hub.Media.Grant").ToTimeLimitedDataProtector();

    /// <summary>The site-relative link to <paramref name="mediaId"/> carrying a grant valid for <paramref name="lifetime"/>.</summary>
    public string Link(string mediaId, TimeSpan lifetime) =>
        $"{MediaEndpoints.PublicPathPrefix}{Uri.EscapeDataString(mediaId)}?{QueryName}={_protector.Protect(mediaId, lifetime)}";

    public bool Allows(string? grant, string mediaId)
    {
        if (string.IsNullOrEmpty(grant) || grant.Length > MaxGrantLength)
        {
            return false;
        }

        try
        {
            return string.Equals(_protector.Unprotect(grant), mediaId, StringComparison.Ordinal);
        }
        catch (CryptographicException)
        {
            return false; // forged, for another purpose, or expired
        }
    }
}
