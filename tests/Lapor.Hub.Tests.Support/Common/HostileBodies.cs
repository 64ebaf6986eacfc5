using System.Text;
using System.Text.Json.Nodes;

namespace Lapor.Hub.Tests.Fuzzing;

/// <summary>
/// Hostile request bodies grown from a valid one: mutated JSON (wrong types, huge numbers, NULs, lone surrogates,
/// 5,000-deep nesting, unknown and missing members), truncated bodies, flipped bytes, spliced tokens and random bytes.
/// Seeded, so a run is the same run each time; a failure also prints the body itself (valid bodies carry fresh ids).
/// </summary>
public sealed class HostileBodies(int seed)
{
    private const int DeepNesting = 5_000;

    /// <summary>JSON fragments that have broken parsers and the code behind them; some are not valid JSON on purpose.</summary>
    private static readonly string[] Fragments =
    [
        "null", "true", "false", "0", "-1", "-0", "1.5", "1e309", "-1e309", "99999999999999999999999999999", "9223372036854775808",
        "NaN", "Infinity", "\"\"", "\" \"", "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udfff\"", "\"\\u202e kiri\"",
        "\"\\u0007\\u001b[31m\"", "\"\\r\\n\\r\\n\"", "\"=HYPERLINK(\\\"http://x\\\")\"", "\"<script>alert(1)</script>\"",
        "\"../../etc/passwd\"", "\"%00\"", "\"\U0001F6A7\U0001F6A7\"", "\"ABCD-EFGH-JKL\"", "\"tg:1\"", "\"2026-13-45T25:61:00Z\"",
        "\"9999-12-31T23:59:59+14:00\"", "\"-7.25\"", "[]", "{}", "[1,\"a\",null,{}]", "{\"$type\":\"x\"}", "{\"lat\":\"a\"}",
        "\"\\u12\"", "'single'", "01", ".5", "+1", "[1,]", "{\"a\":1,}",
        $"\"{new string('x', 5_000)}\"", $"\"{string.Concat(Enumerable.Repeat("\\u0000", 500))}\"",
        new string('[', DeepNesting) + new string(']', DeepNesting),
    ];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    public byte[] Next(string validJson) => _random.Next(10) switch
    {
        < 4 => Utf8(Mutated(validJson)),
        4 => Truncated(validJson),
        5 => Flipped(validJson),
        6 => RandomBytes(),
        7 => Utf8(Nested(validJson)),
        _ => Utf8(Spliced(validJson)),
    };

    /// <summary>A random string for a URL segment or query value.</summary>
    public string NextText(string valid) => _random.Next(6) switch
    {
        0 => valid[.._random.Next(valid.Length + 1)],
        1 => string.Concat(valid.Select(c => _random.Next(6) == 0 ? (char)_random.Next(0x20, 0x2FFF) : c)),
        2 => new string('Z', _random.Next(1, 3_000)),
        3 => string.Concat(Enumerable.Range(0, _random.Next(1, 40)).Select(_ => (char)_random.Next(1, 0xFFFF))),
        4 => Pick(Fragments),
        _ => valid + Pick(Fragments),
    };

    private string Mutated(string validJson)
    {
        var root = JsonNode.Parse(validJson)!;
        var fragments = new List<string>();
        for (var mutations = _random.Next(1, 4); mutations > 0; mutations--)
        {
            var slots = Slots(root).ToList();
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key) = slots[_random.Next(slots.Count)];
            switch (_random.Next(4))
            {
                case 0 when parent is JsonObject removable:
                    removable.Remove(key!);
                    break;
                case 1 when parent is JsonObject extended:
                    extended[$"unknown{_random.Next(100)}"] = Placeholder(fragments);
                    break;
                default:
                    Replace(parent, key, Placeholder(fragments));
                    break;
            }
        }

        var json = root.ToJsonString();
        for (var i = 0; i < fragments.Count; i++)
        {
            json = json.Replace($"\"@fragment{i}@\"", fragments[i], StringComparison.Ordinal);
        }

        return json;
    }

    private JsonNode Placeholder(List<string> fragments)
    {
        fragments.Add(Pick(Fragments));
        return JsonValue.Create($"@fragment{fragments.Count - 1}@");
    }

    private static void Replace(JsonNode parent, string? key, JsonNode value)
    {
        if (parent is JsonObject obj)
        {
            obj[key!] = value;
        }
        else if (parent is JsonArray array && int.TryParse(key, out var index))
        {
            array[index] = value;
        }
    }

    /// <summary>Every member and array element, with the node that holds it.</summary>
    private static IEnumerable<(JsonNode Parent, string? Key)> Slots(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return (obj, name);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (array[i] is { } child)
                    {
                        foreach (var slot in Slots(child))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
        }
    }

    private byte[] Truncated(string validJson)
    {
        var bytes = Utf8(validJson);
        return bytes[.._random.Next(bytes.Length)];
    }

    private byte[] Flipped(string validJson)
    {
        var bytes = Utf8(validJson);
        for (var flips = _random.Next(1, 5); flips > 0 && bytes.Length > 0; flips--)
        {
            bytes[_random.Next(bytes.Length)] = (byte)_random.Next(256);
        }

        return bytes;
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(0, 2_048)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Nested(string validJson)
    {
        var depth = _random.Next(2) == 0 ? DeepNesting : _random.Next(60, 200);
        return _random.Next(2) == 0
            ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + validJson + new string('}', depth)
            : new string('[', depth) + validJson + new string(']', depth);
    }

    private string Spliced(string validJson)
    {
        var at = _random.Next(validJson.Length + 1);
        return validJson[..at] + Pick(Fragments) + validJson[at..];
    }

    private string Pick(string[] items) => items[_random.Next(items.Length)];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
