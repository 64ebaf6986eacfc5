using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Outbox;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Filing;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Channels.FakeChannel;

/// <summary>
/// The next channel needs no edits elsewhere: <see cref="FakeChannel"/>, registered through the adapter contract
/// alone, carries a citizen through the whole dialog, files a report and receives the outbox's notices.
/// </summary>
public sealed partial class FakeChannelReportFlowTests(FakeChannelHub hub) : IClassFixture<FakeChannelHub>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_channel_registered_through_the_adapter_files_a_report_and_gets_its_notices()
    {
        const string chat = "fake-chat-1";
        await hub.SayAsync(chat, "Di mana", text: "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh");
        var askPhotos = await hub.SayAsync(chat, "foto", text: "Jl. Kenjeran 100, Surabaya");
        Assert.Contains(askPhotos.Choices!, choice => choice.Value == "skip");
        await hub.SayAsync(chat, "anonim", choice: "skip");
        await hub.SayAsync(chat, "dirahasiakan", choice: "no");
        await hub.SayAsync(chat, "Ringkasan", choice: "no");
        var filed = await hub.SayAsync(chat, "Nomor laporan", choice: "submit");
        var id = TrackingIdPattern().Match(filed.Text).Value;

        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal(FakeChannel.ChannelName, report.GetProperty("reporter").GetProperty("channel").GetString());

        var before = hub.Sender.CountTo(chat);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        await hub.Sender.DeliveredAsync(chat, "diteruskan ke Pemerintah Kota Surabaya", after: before);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lubang sudah ditambal oleh DSDABM pada 28 November." });
        await hub.Sender.DeliveredAsync(chat, "Lubang sudah ditambal oleh DSDABM", after: before);

        var delivery = await FollowUpDeliveryOnceSettledAsync(id);
        Assert.Equal("Delivered", delivery.GetProperty("status").GetString());
        Assert.Equal(FakeChannel.ChannelName, delivery.GetProperty("channel").GetString());
    }

    [Fact]
    public void The_channel_pacing_becomes_the_outbox_default_beside_telegrams()
    {
        var outbox = hub.Services.GetRequiredService<IOptions<OutboxOptions>>().Value;

        Assert.Equal(FakeChannel.PerSecond, outbox.PerChannelPerSecond[FakeChannel.ChannelName]);
        Assert.False(outbox.PerChatInterval.ContainsKey(FakeChannel.ChannelName));
        Assert.Equal(30, outbox.PerChannelPerSecond[ChannelNames.Telegram]);
        Assert.Equal(TimeSpan.FromSeconds(1), outbox.PerChatInterval[ChannelNames.Telegram]);
    }

    [Theory]
    [InlineData("line")]
    [InlineData("signal")]
    public async Task A_report_on_a_channel_no_adapter_registered_is_refused(string channel)
    {
        const string address = "6281234567890";
        var submission = new ReportSubmission("Jalan rusak parah sekali di depan rumah", null, null, null,
            IsAnonymous: false, IsSecret: false, channel, address, "Warga");
        var filing = hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IReportFilingGrain>($"{channel}:{address}:{Guid.NewGuid():N}");

        var refused = await Assert.ThrowsAsync<ReportRuleViolation>(() => filing.File(submission));

        Assert.Equal(ReportRuleViolation.Invalid, refused.Code);
        Assert.Contains($"Unknown channel '{channel}'", refused.Message);
    }

    private async Task<System.Text.Json.JsonElement> FollowUpDeliveryOnceSettledAsync(string id)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var thread = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
            var followUp = thread.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
            if (followUp.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == System.Text.Json.JsonValueKind.Object
                && delivery.GetProperty("status").GetString() != nameof(NotificationStatus.Retrying))
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The follow-up's delivery never settled: {followUp}");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
