using System.Globalization;
using System.Text;
using Lapor.Hub.Routing;

namespace Lapor.Hub.Tests.Routing;

/// <summary>A small, deterministic set of Indonesian complaint examples written for the tests (six categories).</summary>
internal static class RoutingTestData
{
    public const string Roads = "Jalan Rusak";
    public const string Waste = "Sampah";
    public const string StreetLights = "Penerangan Jalan Umum";
    public const string IdentityCards = "KTP-el";
    public const string SocialAid = "Bantuan Sosial";
    public const string Trees = "Pemangkasan Pohon";

    public const string PublicWorks = "Dinas Sumber Daya Air dan Bina Marga";
    public const string Environment = "Dinas Lingkungan Hidup";
    public const string Transport = "Dinas Perhubungan";
    public const string CivilRegistry = "Dinas Kependudukan dan Pencatatan Sipil";
    public const string Social = "Dinas Sosial";

    private static readonly (string Category, string Agency, string[] Complaints)[] Topics =
    [
        (Roads, PublicWorks,
        [
            "jalan berlubang cukup dalam dan membahayakan pengendara motor",
            "aspal jalan rusak parah dan banyak lubang setelah hujan",
            "jln rusak berlubang sdh lama tdk diperbaiki",
            "permukaan jalan mengelupas dan bergelombang, sering ada yang jatuh",
            "lubang besar di tengah jalan raya mohon segera ditambal",
        ]),
        (Waste, Environment,
        [
            "sampah menumpuk berhari hari tidak diangkut petugas",
            "tumpukan sampah di tps bau sekali dan banyak lalat",
            "truk sampah gak datang sudah seminggu, sampah warga menggunung",
            "warga membuang sampah sembarangan di lahan kosong",
            "bak sampah penuh dan sampah berserakan di pinggir jalan",
        ]),
        (StreetLights, Transport,
        [
            "lampu penerangan jalan umum mati sehingga jalan gelap gulita",
            "lampu pju padam sejak seminggu, rawan kejahatan di malam hari",
            "lampu jalan berkedip kedip lalu mati total",
            "tiang lampu jalan miring dan lampunya tidak menyala",
            "penerangan jalan gelap karena lampu pju rusak",
        ]),
        (IdentityCards, CivilRegistry,
        [
            "ktp elektronik saya belum jadi padahal sudah rekam sejak lama",
            "blanko ktp el habis di kecamatan, kapan bisa cetak",
            "data nik di ktp salah ketik mohon dibantu perbaikan",
            "mengurus ktp el hilang tapi belum selesai juga",
            "cetak ktp elektronik ditolak karena nik tidak ditemukan",
        ]),
        (SocialAid, Social,
        [
            "bansos belum cair padahal nama terdaftar penerima bantuan",
            "bantuan sembako untuk warga miskin tidak pernah diterima",
            "kenapa keluarga saya dicoret dari daftar penerima bantuan sosial",
            "bantuan langsung tunai untuk lansia belum diterima bulan ini",
            "pembagian bansos tidak merata, yang mampu malah dapat",
        ]),
        (Trees, Environment,
        [
            "pohon besar rantingnya menjuntai ke kabel listrik mohon dipangkas",
            "dahan pohon rimbun menutupi lampu jalan perlu perantingan",
            "pohon hampir tumbang dan rawan menimpa rumah warga, mohon dipangkas",
            "ranting pohon patah menggantung di atas jalan",
            "mohon pemangkasan pohon yang daunnya menyumbat talang",
        ]),
    ];

    private static readonly string[] Places =
    [
        "di jl. mawar no 12", "dekat pasar turi", "depan sekolah dasar", "di gang 3 rt 04 rw 02", "sebelah masjid al ikhlas",
        "di perumahan griya asri blok c", "dekat balai rw", "di ujung jalan kenanga",
    ];

    private static readonly string[] Openings = ["", "selamat pagi, ", "mohon bantuannya, ", "lapor pak, ", "assalamualaikum, "];

    private static readonly string[] Closings = ["", " terima kasih", " mohon segera ditindaklanjuti", " tolong dicek", " trims"];

    /// <summary><paramref name="perCategory"/> examples for each of the six categories, in a fixed order, dated one day apart.</summary>
    public static IReadOnlyList<RoutingExample> Examples(int perCategory, int seed = 7)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var examples = new List<RoutingExample>();
        for (var i = 0; i < perCategory; i++)
        {
            foreach (var (category, agency, complaints) in Topics)
            {
                var text = Openings[random.Next(Openings.Length)]
                    + complaints[random.Next(complaints.Length)] + " "
                    + Places[random.Next(Places.Length)]
                    + Closings[random.Next(Closings.Length)];
                examples.Add(new RoutingExample(text, category, agency, "35.78.0" + random.Next(1, 4).ToString(CultureInfo.InvariantCulture), start.AddDays(examples.Count)));
            }
        }

        return examples;
    }

    /// <summary>Clear complaints in words not used verbatim in <see cref="Examples"/>, with their category and agency.</summary>
    public static IReadOnlyList<(string Text, string Category, string Agency)> UnseenClearExamples { get; } =
    [
        ("di jalan dekat rumah saya ada lubang besar, aspalnya hancur", Roads, PublicWorks),
        ("sampah di tempat pembuangan sudah menggunung dan tidak diangkut", Waste, Environment),
        ("lampu jalan di kampung kami mati semua, gelap sekali", StreetLights, Transport),
        ("ktp el saya sudah tiga bulan belum dicetak", IdentityCards, CivilRegistry),
        ("bansos untuk keluarga kami tidak cair", SocialAid, Social),
        ("ranting pohon sudah terlalu rimbun dan mengenai kabel, minta dipangkas", Trees, Environment),
    ];

    /// <summary>Writes examples as a CSV with columns id,text,topic,agency,region,submitted_at (quoting every text).</summary>
    public static void WriteCsv(string path, IEnumerable<RoutingExample> examples)
    {
        var csv = new StringBuilder("id,text,topic,agency,region,submitted_at\n");
        var id = 1;
        foreach (var e in examples)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{id++},\"{e.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{e.Category},{e.Agency},{e.RegionCode},{e.At:yyyy-MM-dd HH:mm}\n");
        }

        File.WriteAllText(path, csv.ToString());
    }

    /// <summary>Fast training options for tests (few iterations; everything else the defaults).</summary>
    public static RoutingTrainingOptions FastOptions { get; } = new() { Iterations = 10 };
}
