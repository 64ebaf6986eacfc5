using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lapor.Hub.Routing.Text;

/// <summary>
/// Normalises informal Indonesian complaint text into tokens: lower case, URLs, e-mail addresses, phone numbers,
/// "[nomor]" placeholders and other numbers masked as tokens, letters repeated three or more times squeezed,
/// reduplication written with "2" expanded ("mas2" → "mas mas"), and common chat abbreviations and informal
/// spellings replaced by their standard form ("yg" → "yang", "gak" → "tidak", "jln" → "jalan").
/// Thread-safe; allocation is limited to the returned tokens.
/// </summary>
public static partial class IndonesianTextNormalizer
{
    public const string UrlToken = "#url";
    public const string EmailToken = "#email";
    public const string PhoneToken = "#telp";
    public const string NumberToken = "#angka";

    /// <summary>Informal spellings and abbreviations → standard words (one or more, space separated).</summary>
    private static readonly FrozenDictionary<string, string[]> Replacements = BuildReplacements();

    /// <summary>
    /// Function words, greetings and forms of address that say nothing about what a complaint is about
    /// ("yang", "di", "mohon", "bapak", "assalamualaikum"). Checked after normalisation, so informal spellings
    /// ("yg", "pak") are covered too. Negation ("tidak", "belum") is kept: "belum cair" is not "cair".
    /// </summary>
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "adalah", "ialah", "saya", "kami",
        "kita", "anda", "dia", "ia", "mereka", "beliau", "sudah", "telah", "akan", "sedang", "juga", "atau", "tapi",
        "namun", "karena", "jika", "kalau", "agar", "supaya", "sehingga", "oleh", "dalam", "atas", "sama", "saja",
        "lagi", "sangat", "banget", "sekali", "bisa", "dapat", "mohon", "tolong", "terima", "kasih", "bapak", "ibu",
        "bu", "mas", "mbak", "selamat", "pagi", "siang", "sore", "malam", "assalamualaikum", "assalamu", "alaikum",
        "wr", "wb", "warahmatullahi", "wabarakatuh", "hormat", "yth", "kepada", "para", "pun", "lah", "kah", "sih",
        "dong", "ya", "kok", "deh", "nih", "tuh", "mau", "ingin", "min", "admin", "hal", "tersebut", "sebagai",
        "bahwa", "serta", "oleh", "ada", "nya", "kah", "an", "se", "the", "of",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether a normalised token is a function word or a courtesy (<see cref="StopWords"/>).</summary>
    public static bool IsStopWord(string token) => StopWords.Contains(token);

    /// <summary>The normalised text: the tokens joined by single spaces.</summary>
    public static string Normalize(string? text) => string.Join(' ', Tokenize(text));

    /// <summary>
    /// The normalised tokens of a text, in order; at most <paramref name="maxTokens"/> of them (the text is cut to
    /// 30 characters per token before anything else, so a huge text costs no more than a long one).
    /// </summary>
    public static List<string> Tokenize(string? text, int maxTokens = int.MaxValue)
    {
        var tokens = new List<string>(64);
        if (string.IsNullOrWhiteSpace(text) || maxTokens <= 0)
        {
            return tokens;
        }

        if (maxTokens < int.MaxValue / 30 && text.Length > maxTokens * 30)
        {
            var cut = maxTokens * 30;
            text = text[..(char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut)];
        }

        var masked = Mask(NormalizeForm(text));
        var word = new StringBuilder(32);
        var i = 0;
        while (i < masked.Length && tokens.Count < maxTokens)
        {
            var c = masked[i];
            if (c == '\u0001')
            {
                // A masked span: \u0001 + kind letter.
                tokens.Add(masked[i + 1] switch
                {
                    'u' => UrlToken,
                    'e' => EmailToken,
                    'p' => PhoneToken,
                    _ => NumberToken,
                });
                i += 2;
                continue;
            }

            if (char.IsDigit(c))
            {
                var start = i;
                while (i < masked.Length && (char.IsDigit(masked[i]) || ((masked[i] == '.' || masked[i] == ',') && i + 1 < masked.Length && char.IsDigit(masked[i + 1]))))
                {
                    i++;
                }

                // "mas2", "anak2": reduplication written with a 2 directly after a word.
                if (i - start == 1 && c == '2' && start > 0 && char.IsLetter(masked[start - 1]) && tokens.Count > 0
                    && (i == masked.Length || !char.IsLetterOrDigit(masked[i])))
                {
                    tokens.Add(tokens[^1]);
                }
                else
                {
                    tokens.Add(NumberToken);
                }

                continue;
            }

            if (char.IsLetter(c))
            {
                word.Clear();
                while (i < masked.Length && (char.IsLetter(masked[i]) || masked[i] == '\''))
                {
                    if (masked[i] != '\'')
                    {
                        word.Append(char.ToLowerInvariant(masked[i]));
                    }

                    i++;
                }

                AddWord(tokens, Squeeze(word));
                continue;
            }

            i++;
        }

        if (tokens.Count > maxTokens)
        {
            tokens.RemoveRange(maxTokens, tokens.Count - maxTokens);
        }

        return tokens;
    }

    /// <summary>Compatibility composition (full-width letters, ligatures); text with broken surrogates stays as it is.</summary>
    private static string NormalizeForm(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    private static void AddWord(List<string> tokens, string word)
    {
        if (word.Length == 0)
        {
            return;
        }

        if (Replacements.TryGetValue(word, out var replacement))
        {
            tokens.AddRange(replacement);
        }
        else
        {
            tokens.Add(word);
        }
    }

    /// <summary>Runs of three or more of the same letter become one ("tolonggg" → "tolong", "bangeeet" → "banget").</summary>
    private static string Squeeze(StringBuilder word)
    {
        var changed = false;
        for (var i = 2; i < word.Length && !changed; i++)
        {
            changed = word[i] == word[i - 1] && word[i] == word[i - 2];
        }

        if (!changed)
        {
            return word.ToString();
        }

        var result = new StringBuilder(word.Length);
        var k = 0;
        while (k < word.Length)
        {
            var run = 1;
            while (k + run < word.Length && word[k + run] == word[k])
            {
                run++;
            }

            result.Append(word[k], run >= 3 ? 1 : run);
            k += run;
        }

        return result.ToString();
    }

    /// <summary>Replaces URLs, e-mails, phone numbers and number placeholders by \u0001 + a kind letter.</summary>
    private static string Mask(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase))
        {
            text = UrlPattern().Replace(text, " \u0001u ");
        }

        if (text.Contains('@'))
        {
            text = EmailPattern().Replace(text, " \u0001e ");
        }

        if (text.Contains('['))
        {
            text = PlaceholderPattern().Replace(text, " \u0001p ");
        }

        return PhonePattern().Replace(text, " \u0001p ");
    }

    [GeneratedRegex(@"(?:https?://|www\.)\S+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    /// <summary>Scrubbed numbers in exported data: "[nomor]", "[no telp]", "[phone]" and the like.</summary>
    [GeneratedRegex(@"\[\s*(?:nomor|no|no\.?\s*(?:hp|telp|telepon|wa)|telp|telepon|hp|wa|phone|number)\s*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();

    /// <summary>Indonesian phone numbers: +62 / 62 / 0 followed by 8–13 digits, possibly split by spaces, dots or dashes.</summary>
    [GeneratedRegex(@"(?<![\w])(?:\+?62|0)[\s.-]?8\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex PhonePattern();

    private static FrozenDictionary<string, string[]> BuildReplacements()
    {
        // Informal spellings, chat abbreviations and common contractions in Indonesian complaint text.
        // Deliberately conservative: only forms whose standard meaning is unambiguous in complaints.
        string[][] groups =
        [
            ["yang", "yg", "yng", "yag"],
            ["sudah", "sdh", "udh", "udah", "sudh", "dah", "sdah", "uda", "suda"],
            ["tidak", "tdk", "gak", "ga", "gk", "nggak", "ngga", "nggk", "enggak", "engga", "tak", "kagak", "gag", "g", "ndak", "nda", "tdak"],
            ["jalan", "jln", "jl", "jaln", "jalanan"],
            ["dengan", "dgn", "dg", "dngn", "dgan"],
            ["karena", "krn", "karna", "krna"],
            ["belum", "blm", "blum", "blom", "belom"],
            ["banget", "bgt", "bngt", "bngtt"],
            ["untuk", "utk", "untk", "tuk"],
            ["saya", "sy", "sya", "aku", "ak", "gue", "gw", "gua"],
            ["tapi", "tp", "tpi", "tetapi"],
            ["juga", "jg", "jga"],
            ["sama", "sm", "ama"],
            ["saja", "aja", "sj", "aj"],
            ["kalau", "kalo", "klo", "kl", "klau"],
            ["bagaimana", "gmn", "gimana", "bgmn", "gmana", "gmna"],
            ["kenapa", "knp", "napa", "knapa"],
            ["terus", "trs", "trus"],
            ["bapak", "bpk", "bp", "pak"],
            ["mohon", "mhn", "mohn"],
            ["tolong", "tlg", "tlong", "tolongin"],
            ["sedang", "sdg"],
            ["lagi", "lg", "lgi"],
            ["dari", "dr", "dri"],
            ["kemarin", "kmrn", "kemaren", "kmarin"],
            ["sekarang", "skrg", "skr", "skrang", "skarang"],
            ["orang", "org", "orng"],
            ["bisa", "bs", "bsa", "bza"],
            ["harus", "hrs", "hrus"],
            ["masih", "msh", "msih"],
            ["pada", "pd"],
            ["tahun", "thn", "th"],
            ["bulan", "bln"],
            ["hari", "hr"],
            ["minggu", "mgg"],
            ["kelurahan", "kel", "kelurhan", "kelrahan"],
            ["kecamatan", "kec", "kecamtan"],
            ["gang", "gg"],
            ["nomor", "no", "nmr", "nomer", "nmor"],
            ["tanggal", "tgl"],
            ["belakang", "blkg", "blakang"],
            ["depan", "dpn", "dpan"],
            ["sebelum", "sblm"],
            ["setelah", "stlh"],
            ["sampai", "sampe", "smpai", "smp", "ampe", "sampek"],
            ["memang", "emang", "mmg"],
            ["terima", "trima", "trm"],
            ["kasih", "ksh"],
            ["dan", "dn", "n"],
            ["atau", "atw", "ato", "atow"],
            ["ada", "ad"],
            ["ini", "nih"],
            ["itu", "tu", "tuh"],
            ["sangat", "sngt", "sgt"],
            ["banyak", "byk", "bnyk", "bnyak"],
            ["seperti", "spt", "sprti", "kayak", "kyk"],
            ["warga", "wrg"],
            ["rumah", "rmh"],
            ["sekolah", "sklh"],
            ["surat", "srt"],
            ["informasi", "info", "inpo"],
            ["pelayanan", "layanan", "pelyanan"],
            ["air", "aer"],
            ["lampu", "lmpu"],
            ["mau", "mo", "mw"],
            ["buat", "bwt"],
            ["dapat", "dpt", "dapet"],
            ["kok", "koq"],
            ["tempat", "tmpt", "tmp"],
            ["segera", "sgr"],
            ["pengaduan", "aduan"],
            ["sampah", "smph"],
        ];

        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var standard = group[0].Split(' ');
            foreach (var form in group.Skip(1))
            {
                map.TryAdd(form, standard);
            }
        }

        // Multi-word expansions.
        map["dll"] = ["dan", "lain", "lain"];
        map["dsb"] = ["dan", "sebagainya"];
        map["dkk"] = ["dan", "kawan", "kawan"];
        map["trims"] = ["terima", "kasih"];
        map["tks"] = ["terima", "kasih"];
        map["thx"] = ["terima", "kasih"];
        map["makasih"] = ["terima", "kasih"];
        map["mksh"] = ["terima", "kasih"];
        map["mks"] = ["terima", "kasih"];
        map["terimakasih"] = ["terima", "kasih"];
        map["trimakasih"] = ["terima", "kasih"];
        map["matur"] = ["terima"];
        map["suwun"] = ["kasih"];
        map["ktpel"] = ["ktp", "el"];
        map["ektp"] = ["ktp", "el"];
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    internal static string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Replacements.Count} replacements");
}
