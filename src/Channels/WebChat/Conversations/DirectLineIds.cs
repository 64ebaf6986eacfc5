using System.Buffers.Text;
using System.Security.Cryptography;

namespace Lapor.Hub.Channels.WebChat;

/// <summary>Random identifiers: unguessable, URL-safe, never reused.</summary>
internal static class DirectLineIds
{
    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>The "dl_" prefix marks a user id that Web Chat must take from the token, not from the page.</summary>
    public static string NewUserId() => "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));
}
