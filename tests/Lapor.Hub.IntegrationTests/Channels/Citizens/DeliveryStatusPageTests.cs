using System.Net;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Console;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Citizens.CitizenChats;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>The admin and agency report pages say, per history entry, how the message to the citizen fared and on which channel.</summary>
public sealed class DeliveryStatusPageTests(CitizenHub hub) : IClassFixture<CitizenHub>
{
    [Fact]
    public async Task Each_entry_shows_its_channel_and_the_providers_latest_word_including_the_sms_fallback()
    {
        const string phone = "6281200000301";
        var id = await FileAsync(hub.Services, WhatsApp(phone), "Genangan air di underpass Jl. Mayjen Sungkono tidak surut sejak kemarin, mobil mogok");
        var display = Display(id);
        var outbox = hub.Services.GetRequiredService<IGrainFactory>().GetOutbox(WhatsApp(phone));
        var filed = await hub.WhatsApp.DeliveredAsync(phone, "Nomor laporan");
        await outbox.RecordProviderStatus(filed.Result.ProviderMessageId!, ProviderStatus.Read, null);

        await hub.Operator.PostJsonAsync($"/api/reports/{display}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = ConsoleHub.AgencyA });
        await hub.Operator.PostJsonAsync($"/api/reports/{display}/follow-ups",
            new { agencyCode = ConsoleHub.AgencyA, text = "Pompa air sudah dinyalakan, genangan surut pukul 10.00." });
        var followUp = await hub.WhatsApp.DeliveredAsync(phone, "Pompa air sudah dinyalakan");
        await outbox.RecordProviderStatus(followUp.Result.ProviderMessageId!, ProviderStatus.Undelivered, "63016");
        await hub.Sms.DeliveredAsync(phone, "Pompa air sudah dinyalakan");
        await OutboxChecks.DeliveryAsync(hub.Operator, display, "FollowUpPosted", d => d.GetProperty("channel").GetString() == "sms");
        await OutboxChecks.DeliveryAsync(hub.Operator, display, "Filed", d => d.GetProperty("status").GetString() == "Read");

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (adminStatus, adminHtml) = await admin.GetPageAsync($"/admin/laporan/{display}");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        var adminPage = WebUtility.HtmlDecode(adminHtml);
        Assert.Contains("Pesan ke warga lewat WhatsApp · dibaca", adminPage, StringComparison.Ordinal);
        Assert.Contains("Pesan ke warga lewat WhatsApp · terkirim", adminPage, StringComparison.Ordinal); // the forwarding notice
        Assert.Contains("Pesan ke warga lewat SMS · diterima", adminPage, StringComparison.Ordinal);

        using var officer = await hub.SignInAsync(ConsoleHub.OfficerA);
        var (agencyStatus, agencyHtml) = await officer.GetPageAsync($"/instansi/laporan/{display}");
        Assert.Equal(HttpStatusCode.OK, agencyStatus);
        var agencyPage = WebUtility.HtmlDecode(agencyHtml);
        Assert.Contains("Pesan ke warga lewat SMS · diterima", agencyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("63016", agencyPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_sees_the_providers_error_code_when_whatsapp_and_its_sms_fallback_both_fail()
    {
        const string phone = "6281200000302";
        var whatsApp = hub.WhatsApp.Answer;
        var sms = hub.Sms.Answer;
        hub.WhatsApp.Answer = (to, message) => to.Id == phone ? new DeliveryResult(DeliveryStatus.Failed, Error: "131026") : whatsApp(to, message);
        hub.Sms.Answer = (to, message) => to.Id == phone ? new DeliveryResult(DeliveryStatus.Failed, Error: "21610") : sms(to, message);

        var id = await FileAsync(hub.Services, WhatsApp(phone), "Kabel listrik menjuntai rendah di Jl. Kapas Krampung, sangat berbahaya bagi anak sekolah");
        await OutboxChecks.DeliveryAsync(hub.Operator, Display(id), "Filed",
            d => d.GetProperty("channel").GetString() == "sms" && d.GetProperty("status").GetString() == "Failed");

        using var admin = await hub.SignInAsync(ConsoleHub.Admin);
        var (_, html) = await admin.GetPageAsync($"/admin/laporan/{Display(id)}");
        Assert.Contains("Pesan ke warga lewat SMS · gagal (galat 21610)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}
