using System.Security.Cryptography;

namespace Lapor.Hub.Polls;

/// <summary>
/// Poll IDs: 12 cryptographically random lower-case letters and digits without look-alikes. Short enough for a 64-byte
/// button payload (Telegram) beside a prefix and an option number, safe in a URL, and not guessable: 31^12 ≈ 7.9e17, so a
/// draft's ID (which the console shows only to its agency) cannot be found by trying.
/// </summary>
public static class PollIds
{
    public const int Length = 12;
    public const int MaxLength = 16;
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public static string New()
    {
        Span<char> symbols = stackalloc char[Length];
        RandomNumberGenerator.GetItems(Alphabet.AsSpan(), symbols);
        return new string(symbols);
    }

    /// <summary>Whether <paramref name="pollId"/> can be a poll's key: 1–16 URL-safe characters (letters, digits, '-', '_').</summary>
    public static bool IsWellFormed(string? pollId) =>
        pollId is { Length: > 0 and <= MaxLength } && pollId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
