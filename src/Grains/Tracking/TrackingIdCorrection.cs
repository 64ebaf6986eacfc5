namespace Lapor.Hub.Tracking;

/// <summary>
/// The tracking IDs a mistyped one could have meant: one symbol substituted (a look-alike such as 0 or I included), two
/// neighbours swapped, one symbol missing or one extra, in any case and with any spaces or dashes. The check symbol makes
/// the list short (at most one fix per position), but it is still a list: a caller may only pick from it when exactly one
/// candidate is a report the citizen filed, never among strangers' reports.
/// </summary>
public static class TrackingIdCorrection
{
    /// <summary>Longer input is not a tracking ID with one typo, whatever it contains.</summary>
    private const int MaxInputLength = 40;

    public static IReadOnlyList<TrackingId> Candidates(string? text)
    {
        if (Compact(text) is not { } typed)
        {
            return [];
        }

        if (typed.Length == TrackingId.Length && TrackingId.TryParse(typed, out var exact))
        {
            return [exact];
        }

        var found = new List<TrackingId>();
        switch (typed.Length - TrackingId.Length)
        {
            case 0:
                Substitutions(typed, found);
                Swaps(typed, found);
                break;
            case -1:
                Insertions(typed, found);
                break;
            case 1:
                Deletions(typed, found);
                break;
        }

        return found.Distinct().ToArray();
    }

    /// <summary>The typed symbols in upper case without spaces and dashes, or null if it cannot be one ID with one typo.</summary>
    private static string? Compact(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxInputLength)
        {
            return null;
        }

        var symbols = new char[text.Length];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }

            symbols[count++] = char.ToUpperInvariant(c);
        }

        return count is >= TrackingId.Length - 1 and <= TrackingId.Length + 1 ? new string(symbols, 0, count) : null;
    }

    private static int Foreign(string typed) => typed.Count(c => !TrackingId.Alphabet.Contains(c));

    private static void Substitutions(string typed, List<TrackingId> found)
    {
        var foreign = Foreign(typed);
        if (foreign > 1)
        {
            return;
        }

        for (var position = 0; position < typed.Length; position++)
        {
            // With one look-alike in the text, only replacing that one can give an ID.
            if (foreign == 1 && TrackingId.Alphabet.Contains(typed[position]))
            {
                continue;
            }

            foreach (var symbol in TrackingId.Alphabet)
            {
                if (symbol != typed[position])
                {
                    TryAdd(string.Concat(typed.AsSpan(0, position), [symbol], typed.AsSpan(position + 1)), found);
                }
            }
        }
    }

    private static void Swaps(string typed, List<TrackingId> found)
    {
        for (var position = 0; position + 1 < typed.Length; position++)
        {
            if (typed[position] != typed[position + 1])
            {
                var swapped = typed.ToCharArray();
                (swapped[position], swapped[position + 1]) = (swapped[position + 1], swapped[position]);
                TryAdd(new string(swapped), found);
            }
        }
    }

    private static void Insertions(string typed, List<TrackingId> found)
    {
        for (var position = 0; position <= typed.Length; position++)
        {
            foreach (var symbol in TrackingId.Alphabet)
            {
                TryAdd(typed.Insert(position, symbol.ToString()), found);
            }
        }
    }

    private static void Deletions(string typed, List<TrackingId> found)
    {
        for (var position = 0; position < typed.Length; position++)
        {
            TryAdd(typed.Remove(position, 1), found);
        }
    }

    private static void TryAdd(string text, List<TrackingId> found)
    {
        if (TrackingId.TryParse(text, out var id))
        {
            found.Add(id);
        }
    }
}
