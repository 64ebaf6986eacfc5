using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Citizens.CitizenChats;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>News that WhatsApp cannot deliver for good goes once by SMS to the same number, and the report's history shows it.</summary>
public sealed class WhatsAppFallbackTests(CitizenHub hub) : IClassFixture<CitizenHub>
{
    private const string FiledText = "Laporan Anda diterima. Nomor laporan:";

    [Fact]
    public async Task News_whatsapp_gives_up_on_goes_once_by_sms_but_dialog_replies_do_not()
    {
        const string phone = "6281200000201";
        hub.WhatsApp.Answer = WhatsAppRefuses(phone, hub.WhatsApp.Answer);

        var id = await FileAsync(hub.Services, WhatsApp(phone), "Pipa PDAM bocor di Jl. Manyar Kertoarjo, air terbuang sejak tiga hari dan jalan tergenang");

        var bySms = await hub.Sms.DeliveredAsync(phone, FiledText);
        Assert.Equal(id, bySms.Message.Notice?.TrackingId);
        await OutboxChecks.DrainedAsync(hub.Services, Sms(phone));
        var sms = hub.Sms.SentTo(phone);
        Assert.Single(sms);
        Assert.Contains(hub.WhatsApp.SentTo(phone), s => s.Message.Text.Contains("Di mana", StringComparison.Ordinal));
        var delivery = await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed", d => d.GetProperty("channel").GetString() == "sms");
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_whatsapp_message_reported_undelivered_falls_back_to_sms_once_however_often_the_callback_comes()
    {
        const string phone = "6281200000202";
        var id = await FileAsync(hub.Services, WhatsApp(phone), "Pohon tumbang menutup separuh Jl. Raya Darmo sejak semalam, belum ada petugas datang");
        var filed = await hub.WhatsApp.DeliveredAsync(phone, FiledText);
        var accepted = filed.Result.ProviderMessageId!;
        await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed", d => d.GetProperty("status").GetString() == "Sent");
        Assert.Equal(0, hub.Sms.CountTo(phone));

        var outbox = hub.Services.GetRequiredService<IGrainFactory>().GetOutbox(WhatsApp(phone));
        await outbox.RecordProviderStatus(accepted, ProviderStatus.Undelivered, "63016");
        await outbox.RecordProviderStatus(accepted, ProviderStatus.Undelivered, "63016");
        await outbox.RecordProviderStatus(accepted, ProviderStatus.Failed, "63016");

        var bySms = await hub.Sms.DeliveredAsync(phone, FiledText);
        Assert.Equal(filed.Message, bySms.Message);
        await OutboxChecks.DrainedAsync(hub.Services, Sms(phone));
        Assert.Single(hub.Sms.SentTo(phone));
        var delivery = await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed", d => d.GetProperty("channel").GetString() == "sms");
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_message_whatsapp_delivered_does_not_fall_back()
    {
        const string phone = "6281200000203";
        var id = await FileAsync(hub.Services, WhatsApp(phone), "Trotoar di Jl. Tunjungan rusak dan berlubang, pejalan kaki terpaksa turun ke jalan raya");
        var filed = await hub.WhatsApp.DeliveredAsync(phone, FiledText);
        var outbox = hub.Services.GetRequiredService<IGrainFactory>().GetOutbox(WhatsApp(phone));

        await outbox.RecordProviderStatus(filed.Result.ProviderMessageId!, ProviderStatus.Delivered, null);
        await outbox.RecordProviderStatus(filed.Result.ProviderMessageId!, ProviderStatus.Read, null);

        var delivery = await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed", d => d.GetProperty("status").GetString() == "Read");
        Assert.Equal("whatsapp", delivery.GetProperty("channel").GetString());
        await OutboxChecks.DrainedAsync(hub.Services, Sms(phone));
        Assert.Equal(0, hub.Sms.CountTo(phone));
    }

    [Fact]
    public async Task A_citizen_who_sent_stop_to_the_sms_number_gets_no_sms_fallback()
    {
        const string phone = "6281200000204";
        await SayAsync(hub.Services, Sms(phone), "STOP");
        var stopped = await hub.Sms.DeliveredAsync(phone, "MULAI");
        var id = await FileAsync(hub.Services, WhatsApp(phone), "Lampu penerangan jalan di Jl. Diponegoro mati sejak seminggu, jalan gelap sekali di malam hari");
        var filed = await hub.WhatsApp.DeliveredAsync(phone, FiledText);
        var outbox = hub.Services.GetRequiredService<IGrainFactory>().GetOutbox(WhatsApp(phone));

        await outbox.RecordProviderStatus(filed.Result.ProviderMessageId!, ProviderStatus.Undelivered, "63016");

        await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed", d => d.GetProperty("status").GetString() == "Undelivered");
        await OutboxChecks.DrainedAsync(hub.Services, Sms(phone));
        Assert.Equal([stopped.Message], hub.Sms.SentTo(phone).Select(s => s.Message));
    }

    /// <summary>The stand-in WhatsApp provider refuses every message to <paramref name="phone"/> for good; others as before.</summary>
    private static Func<ChannelAddress, OutboundMessage, DeliveryResult> WhatsAppRefuses(
        string phone, Func<ChannelAddress, OutboundMessage, DeliveryResult> otherwise) =>
        (to, message) => to.Id == phone ? new DeliveryResult(DeliveryStatus.Failed, Error: "131026: message undeliverable") : otherwise(to, message);
}
