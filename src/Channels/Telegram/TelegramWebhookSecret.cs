using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Lapor.Hub.Channels.Telegram;

/// <summary>Checks the X-Telegram-Bot-Api-Secret-Token header against the configured secret in constant time.</summary>
internal sealed class TelegramWebhookSecret(IOptions<TelegramOptions> options)
{
    // Both sides are hashed first so the comparison takes the same time whatever the length of the guess.
    private readonly byte[]? _expected = string.IsNullOrEmpty(options.Value.WebhookSecret) ? null : Hash(options.Value.WebhookSecret);

    public bool Matches(StringValues header) =>
        _expected is not null && header is [{ } presented] && CryptographicOperations.FixedTimeEquals(Hash(presented), _expected);

    private static byte[] Hash(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
