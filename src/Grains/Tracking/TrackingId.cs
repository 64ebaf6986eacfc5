using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text.Json.Serialization;

namespace Lapor.Hub.Tracking;

/// <summary>
/// The number a citizen types to follow a report: 10 cryptographically random symbols and a check symbol, from an
/// alphabet without look-alikes (no 0/O, 1/I/L). Canonical form "ABCDEFGHJKM" (grain key, URLs); display form "ABCD-EFGH-JKM".
/// </summary>
/// <remarks>
/// 31^10 ≈ 8.2e14 payloads: guessing one of ten million reports takes about 80 million tries, and a collision among a
/// million IDs has odds of about 1 in 1,600. Whoever files a report still rejects an ID already in use and draws again.
/// </remarks>
[GenerateSerializer, Immutable]
[JsonConverter(typeof(TrackingIdJsonConverter))]
public readonly record struct TrackingId
{
    public const int Length = 11;
    private const int PayloadLength = Length - 1;
    private const int DisplayGroupLength = 4;
    internal const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"; // 31 symbols, and 31 is prime

    [Id(0)] private readonly string? value;

    private TrackingId(string value) => this.value = value;

    /// <summary>The canonical form; empty for <c>default(TrackingId)</c>.</summary>
    public string Value => value ?? string.Empty;

    public static TrackingId NewId()
    {
        Span<char> symbols = stackalloc char[Length];
        RandomNumberGenerator.GetItems(Alphabet.AsSpan(), symbols[..PayloadLength]);
        // The check symbol has weight 11, and 11·14 ≡ −1 (mod 31): appending value 14·sum brings the total to 0.
        symbols[PayloadLength] = Alphabet[14 * WeightedSum(symbols[..PayloadLength]) % Alphabet.Length];
        return new TrackingId(new string(symbols));
    }

    /// <summary>Accepts any letter case and ignores spaces and dashes; look-alikes such as 0 or I are rejected, not guessed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TrackingId id) => Validate(text, out id) is null;

    /// <exception cref="FormatException">The text is not a tracking ID; the message says which rule it breaks.</exception>
    public static TrackingId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Validate(text, out var id) is { } problem ? throw new FormatException(problem) : id;
    }

    public string ToDisplayString() =>
        value is null
            ? string.Empty
            : string.Join('-', value.Chunk(DisplayGroupLength).Select(group => new string(group)));

    public override string ToString() => Value;

    /// <returns>Why <paramref name="text"/> is not a tracking ID, or null when it is one.</returns>
    private static string? Validate(string? text, out TrackingId id)
    {
        id = default;
        Span<char> symbols = stackalloc char[Length];
        var count = 0;
        foreach (var c in text ?? string.Empty)
        {
            if (c is ' ' or '-')
                continue;
            var symbol = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(symbol))
                return $"'{c}' is not a tracking ID character: they are {Alphabet}, without 0, 1, I, L or O.";
            if (count < Length)
                symbols[count] = symbol;
            count++;
        }

        if (count == 0)
            return "The tracking ID is empty.";
        if (count != Length)
            return $"A tracking ID has {Length} characters, not counting spaces and dashes; '{text}' has {count}.";
        if (WeightedSum(symbols) != 0)
            return $"'{text}' has a typo: its check character does not match.";
        id = new TrackingId(new string(symbols));
        return null;
    }

    // Valid IDs have Σ wᵢ·vᵢ ≡ 0 (mod 31) with weights wᵢ = i+1. A substitution changes the sum by wᵢ·(v′−v), an adjacent swap
    // by (wᵢ₊₁−wᵢ)·(vᵢ−vᵢ₊₁): both factors are non-zero and below 31 in size, so their product is never ≡ 0 mod the prime 31.
    private static int WeightedSum(ReadOnlySpan<char> symbols)
    {
        var sum = 0;
        for (var i = 0; i < symbols.Length; i++)
            sum += (i + 1) * Alphabet.IndexOf(symbols[i]);
        return sum % Alphabet.Length;
    }
}
