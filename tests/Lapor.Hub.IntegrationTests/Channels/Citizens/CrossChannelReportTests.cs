using static Lapor.Hub.Tests.Channels.Citizens.CitizenChats;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>SMS and WhatsApp from one phone number are one citizen: each chat treats the other's reports as its own (ADR 22).</summary>
public sealed class CrossChannelReportTests(CitizenHub hub) : IClassFixture<CitizenHub>
{
    [Fact]
    public async Task A_report_filed_by_sms_appears_in_laporan_saya_on_whatsapp_from_the_same_number()
    {
        const string phone = "6281200000101";
        var id = await FileAsync(hub.Services, Sms(phone), "Jalan di depan pasar Wonokromo berlubang besar sejak sebulan, banyak motor jatuh");
        var before = hub.WhatsApp.CountTo(phone);

        await SayAsync(hub.Services, WhatsApp(phone), text: "laporan saya");

        var listed = await hub.WhatsApp.DeliveredAsync(phone, "Laporan Anda", after: before);
        Assert.Equal([Display(id)], TrackingIdsIn(listed.Message.Text));
    }

    [Fact]
    public async Task A_secret_report_is_the_numbers_on_its_other_channel_and_no_other_numbers()
    {
        const string phone = "6281200000102";
        const string stranger = "6281200000103";
        var id = await FileAsync(hub.Services, WhatsApp(phone), "Oknum petugas meminta uang pelicin untuk pembuatan akta kelahiran di kantor kecamatan", secret: true);

        var before = hub.Sms.CountTo(phone);
        await SayAsync(hub.Services, Sms(phone), text: Display(id));
        var status = await hub.Sms.DeliveredAsync(phone, Display(id), after: before);
        Assert.DoesNotContain("ditemukan", status.Message.Text, StringComparison.Ordinal);

        await SayAsync(hub.Services, WhatsApp(stranger), text: Display(id));
        await hub.WhatsApp.DeliveredAsync(stranger, $"Laporan {Display(id)} tidak ditemukan");
        await SayAsync(hub.Services, WhatsApp(stranger), text: "laporan saya");
        await hub.WhatsApp.DeliveredAsync(stranger, "Anda belum punya laporan");
    }

    [Fact]
    public async Task Reports_from_both_channels_are_listed_on_each_and_news_goes_only_where_each_was_filed()
    {
        const string phone = "6281200000104";
        var bySms = await FileAsync(hub.Services, Sms(phone), "Sampah menumpuk di TPS Jl. Karang Menjangan, sudah dua minggu tidak diangkut petugas");
        var byWhatsApp = await FileAsync(hub.Services, WhatsApp(phone), "Saluran air di Jl. Dharmahusada tersumbat, setiap hujan banjir sampai lutut orang dewasa");

        var before = hub.Sms.CountTo(phone);
        await SayAsync(hub.Services, Sms(phone), text: "laporan saya");
        var onSms = await hub.Sms.DeliveredAsync(phone, Display(byWhatsApp), after: before);
        Assert.Contains(Display(bySms), onSms.Message.Text, StringComparison.Ordinal);

        // The filing notice of each report went to the channel it was filed on, and only there.
        await hub.WhatsApp.DeliveredAsync(phone, $"Nomor laporan: {Display(byWhatsApp)}");
        await hub.Sms.DeliveredAsync(phone, Display(bySms));
        await OutboxChecks.DrainedAsync(hub.Services, WhatsApp(phone));
        await OutboxChecks.DrainedAsync(hub.Services, Sms(phone));
        Assert.DoesNotContain(hub.WhatsApp.SentTo(phone), s => s.Message.Notice?.TrackingId == bySms);
        Assert.DoesNotContain(hub.Sms.SentTo(phone), s => s.Message.Notice?.TrackingId == byWhatsApp);
    }
}
