using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Channels.Media;

/// <summary>How a stored file may be served to one request.</summary>
public enum MediaAccess
{
    /// <summary>As if it did not exist.</summary>
    Denied,

    /// <summary>To this requester only: no shared cache may keep it.</summary>
    Private,

    /// <summary>To anyone: shared caches may keep it.</summary>
    Public,
}

/// <summary>Decides who may fetch a stored file. The hub checks the viewer rules of the report the file belongs to.</summary>
public interface IMediaAccessPolicy
{
    Task<MediaAccess> DecideAsync(string mediaId, HttpContext context);
}

/// <summary>Without reports to check against (a channel host on its own): anyone with the link, never shared caches.</summary>
public sealed class LinkHolderMediaAccess : IMediaAccessPolicy
{
    public Task<MediaAccess> DecideAsync(string mediaId, HttpContext context) => Task.FromResult(MediaAccess.Private);
}
