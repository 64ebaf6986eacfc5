namespace Lapor.Hub.Channels.Sms.Text;

/// <summary>Whether two words are at most one typo apart: one letter wrong, missing or extra, or two neighbours swapped.</summary>
public static class Typos
{
    public static bool AtMostOne(string expected, string typed)
    {
        if (Math.Abs(expected.Length - typed.Length) > 1)
        {
            return false;
        }

        var prefix = 0;
        while (prefix < expected.Length && prefix < typed.Length && expected[prefix] == typed[prefix])
        {
            prefix++;
        }

        if (prefix == expected.Length && prefix == typed.Length)
        {
            return true;
        }

        var e = expected.AsSpan(prefix);
        var t = typed.AsSpan(prefix);
        return e.Length == t.Length
            ? e[1..].SequenceEqual(t[1..]) || (e.Length >= 2 && e[0] == t[1] && e[1] == t[0] && e[2..].SequenceEqual(t[2..]))
            : e.Length > t.Length ? e[1..].SequenceEqual(t) : e.SequenceEqual(t[1..]);
    }
}
