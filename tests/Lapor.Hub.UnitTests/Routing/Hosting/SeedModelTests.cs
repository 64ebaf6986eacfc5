using Lapor.Hub.Routing;
using Lapor.Hub.Routing.Hosting;

namespace Lapor.Hub.Tests.Routing.Hosting;

/// <summary>A fresh installation's model, trained on the project's own seed set, routes clear complaints it has never seen.</summary>
public sealed class SeedModelTests
{
    private static readonly Lazy<RoutingModel> SeedModel = new(() =>
        RoutingTrainer.Train(RoutingData.ReadSeed(new RoutingOptions().SeedPath), new RoutingTrainingOptions()));

    [Theory]
    [InlineData("Jalan di depan rumah saya berlubang besar, sudah dua bulan belum ditambal, banyak motor jatuh", "PEKERJAAN-UMUM")]
    [InlineData("Kartu BPJS Kesehatan ibu saya tiba-tiba tidak aktif padahal iuran sudah dibayar tiap bulan", "KESEHATAN")]
    [InlineData("Gaji karyawan pabrik belum dibayar perusahaan selama tiga bulan dan THR juga tidak diberikan", "KETENAGAKERJAAN")]
    [InlineData("Setiap malam ada transaksi sabu di gang belakang pasar, warga takut melapor", "P4GN")]
    [InlineData("Nasi dan lauk program makan bergizi gratis di sekolah anak saya basi dan berbau", "MBG")]
    [InlineData("Sudah sebulan mengurus akta kelahiran anak di dukcapil tapi belum juga jadi", "KEPENDUDUKAN")]
    public void Ranks_the_right_category_first_for_a_clear_unseen_complaint(string text, string category)
    {
        var suggestion = SeedModel.Value.Suggest(text, regionCode: null);

        Assert.Equal(category, suggestion.Categories[0].Label);
        Assert.Equal(3, suggestion.Categories.Count);
        Assert.Equal(3, suggestion.Agencies.Count);
        Assert.InRange(suggestion.Categories.Sum(c => c.Confidence), 0f, 1.0001f);
    }

    [Fact]
    public void The_seed_texts_used_above_are_not_in_the_seed_set()
    {
        var seedTexts = RoutingData.ReadSeed(new RoutingOptions().SeedPath).Select(e => e.Text).ToHashSet();
        var probes = typeof(SeedModelTests).GetMethod(nameof(Ranks_the_right_category_first_for_a_clear_unseen_complaint))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).First()[0]);
        Assert.All(probes, probe => Assert.DoesNotContain(probe, seedTexts));
    }
}
