using Lapor.Hub.Tests.Channels.Twilio;
using static Lapor.Hub.Tests.Channels.Twilio.TwilioMessages;

namespace Lapor.Hub.Tests.Channels.Polls;

/// <summary>Polls by SMS through Twilio (the real client against the fake API): numbered options, a typed number votes.</summary>
public sealed class PollSmsTests(TwilioHub hub) : IClassFixture<TwilioHub>
{
    [Fact]
    public async Task An_sms_citizen_opts_in_with_1_gets_the_poll_as_numbered_lines_and_votes_by_typing_its_number()
    {
        const string phone = "+6281200007501";
        await hub.FileBySmsAsync(phone, "Saluran air di Jl. Kalibokor 12, Surabaya, tersumbat sampah dan meluap ke jalan setiap hujan");
        var asked = await hub.DeliveredAsync(phone, "polling kebijakan");
        Assert.Contains("1. Ya, mau", asked.Body);
        await hub.SayAsync("sms", Sms(phone, "1"), "Anda akan menerima polling");

        var pollId = await PollTestPolls.OpenAsync(hub.Services, "Setujukah pasar malam di Taman Bungkul tiap Sabtu?", ["Setuju", "Tidak setuju"]);
        var invitation = await hub.DeliveredAsync(phone, "pasar malam di Taman Bungkul");
        Assert.Contains("Balas dengan nomor", invitation.Body);
        Assert.Contains("1. Setuju\n2. Tidak setuju", invitation.Body);

        var counted = await hub.SayAsync("sms", Sms(phone, "2"), "dicatat");
        Assert.Contains("2. Tidak setuju ##########", counted.Body);
        Assert.True(Lapor.Hub.Channels.Sms.Text.SmsSegments.Measure(counted.Body).Segments <= 2, counted.Body);
        var results = await PollTestPolls.ResultsAsync(hub.Services, pollId);
        Assert.Equal([0, 1], results.ByOption);
        Assert.Equal([0, 1], results.ByChannel["sms"]);

        // After the close a typed number is answered with the closed message and not counted.
        await PollTestPolls.CloseAsync(hub.Services, pollId);
        await hub.SayAsync("sms", Sms(phone, "1"), "sudah ditutup");
        Assert.Equal([0, 1], (await PollTestPolls.ResultsAsync(hub.Services, pollId)).ByOption);
    }

    [Fact]
    public async Task Stop_polling_by_sms_stops_polls_but_not_the_news_of_reports()
    {
        const string phone = "+6281200007502";
        await hub.FileBySmsAsync(phone, "Pohon besar tumbang di Jl. Raya Darmo 50, Surabaya, menutup separuh jalan sejak pagi");
        await hub.DeliveredAsync(phone, "polling kebijakan");
        await hub.SayAsync("sms", Sms(phone, "1"), "Anda akan menerima polling");
        await hub.SayAsync("sms", Sms(phone, "BERHENTI POLLING"), "tidak akan menerima polling lagi");
        await hub.SayAsync("sms", Sms(phone, "LAPORAN SAYA"), "Laporan Anda");
    }
}
