using System.Text;
using System.Text.Json;
using Lapor.Hub.Channels.Sms.Jasmin;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Api;

namespace Lapor.Hub.Tests.Channels.Jasmin;

/// <summary>
/// SMS through a Jasmin gateway, end to end: a citizen files a report from a basic phone, the reply carries the tracking
/// ID, the agency's follow-up reaches the phone, and Jasmin's delivery receipts show on the report's history.
/// </summary>
public sealed class JasminReportFlowTests(JasminHub hub) : IClassFixture<JasminHub>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_report_filed_by_sms_gets_its_tracking_id_and_the_follow_up_with_its_receipts_on_the_history()
    {
        const string phone = "6281234560001";
        var (id, reply, _) = await hub.FileBySmsAsync("+" + phone, "Jalan berlubang besar di depan SDN 5 Kenjeran, sudah sebulan belum ditambal");

        Assert.Equal("1708", reply.Fields["from"]);
        Assert.Equal(("yes", "3", "POST"), (reply.Fields["dlr"], reply.Fields["dlr-level"], reply.Fields["dlr-method"]));
        Assert.StartsWith(new Uri(hub.Settings.BaseAddress, JasminOptions.DlrPath).ToString(), reply.Fields["dlr-url"], StringComparison.Ordinal);
        Assert.Equal("0", reply.Coding);
        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal("sms", report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.StartsWith("Jalan berlubang besar di depan SDN 5 Kenjeran", report.GetProperty("text").GetString(), StringComparison.Ordinal);

        var followUp = await PostFollowUpAsync(id, phone, "Lubang sudah ditambal oleh DSDABM pada 28 November.");
        Assert.True(await FakeJasmin.IsAcknowledgedAsync(await hub.Jasmin.PostReceiptAsync(followUp, level: 1, "ESME_ROK")));
        Assert.Equal(NotificationStatus.Sent, await FollowUpDeliveryAsync(id, NotificationStatus.Sent));
        Assert.True(await FakeJasmin.IsAcknowledgedAsync(await hub.Jasmin.PostReceiptAsync(followUp, level: 2, "DELIVRD")));
        Assert.Equal(NotificationStatus.Delivered, await FollowUpDeliveryAsync(id, NotificationStatus.Delivered));

        // A receipt Jasmin throws again (the acknowledgement was lost) changes nothing.
        Assert.True(await FakeJasmin.IsAcknowledgedAsync(await hub.Jasmin.PostReceiptAsync(followUp, level: 1, "ESME_ROK")));
        Assert.Equal(NotificationStatus.Delivered, await FollowUpDeliveryAsync(id, NotificationStatus.Delivered));
    }

    [Fact]
    public async Task An_undelivered_receipt_without_the_number_in_its_url_is_recorded_with_the_networks_error()
    {
        const string phone = "6281234560002";
        var (id, _, _) = await hub.FileBySmsAsync(phone, "Lampu penerangan jalan di Jl. Mulyorejo mati total sejak minggu lalu, gelap sekali");
        var followUp = await PostFollowUpAsync(id, phone, "Petugas PJU akan memeriksa lampu besok pagi.");

        // The receipt comes to the plain DLR URL (a gateway configured by hand): the hub remembers where the message went,
        // once the outbox has recorded the send.
        await FollowUpDeliveryElementAsync(id, NotificationStatus.Sent);
        var plainUrl = new Uri(hub.Settings.BaseAddress, $"{JasminOptions.DlrPath}?secret={JasminHub.Secret}").ToString();
        var receipt = followUp with { Fields = new Dictionary<string, string>(followUp.Fields) { ["dlr-url"] = plainUrl } };
        Assert.True(await FakeJasmin.IsAcknowledgedAsync(await hub.Jasmin.PostReceiptAsync(receipt, level: 2, "UNDELIV", err: "013")));

        var delivery = await FollowUpDeliveryElementAsync(id, NotificationStatus.Undelivered);
        Assert.Equal("sms", delivery.GetProperty("channel").GetString());
        Assert.Contains("UNDELIV err 013", delivery.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_that_needs_ucs2_goes_as_coding_8_in_hex_and_reaches_the_phone_intact()
    {
        const string phone = "6281234560003";
        const string description = "Sampah menumpuk di pasar — baunya menyengat 😷 warga sudah mengeluh";
        var (id, _, _) = await hub.FileBySmsAsync(phone, () => hub.SendMoAsync(phone, Encoding.BigEndianUnicode.GetBytes(description), coding: 8));
        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.StartsWith(description, report.GetProperty("text").GetString(), StringComparison.Ordinal);

        var followUp = await PostFollowUpAsync(id, phone, "Sampah sudah diangkut DLH ✅ terima kasih");

        Assert.Equal("8", followUp.Coding);
        Assert.False(followUp.Fields.ContainsKey("content"));
        Assert.Contains("Sampah sudah diangkut DLH ✅", followUp.Text, StringComparison.Ordinal);
        Assert.Equal(followUp.Fields["hex-content"], Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(followUp.Text)));
    }

    [Fact]
    public async Task A_gateway_failure_is_retried_until_jasmin_takes_the_message_and_a_refusal_is_recorded_in_jasmins_words()
    {
        const string phone = "6281234560004";
        var (id, _, _) = await hub.FileBySmsAsync(phone, "Pasar Wonokromo becek dan saluran airnya mampet sejak kemarin sore");
        await ForwardAsync(id, phone);
        hub.Jasmin.FailNextSends(2, 500, "Error \"Cannot send submit_sm, check SMPPClientManagerPB log file for details\"");

        var taken = await PostFollowUpAsync(id, phone, "Saluran air pasar akan dibersihkan hari Senin.");

        var attempts = hub.Jasmin.Sends.Where(send => send.To == phone && send.Text == taken.Text).ToArray();
        Assert.Equal([500, 500, 200], attempts.Select(send => send.Status));

        hub.Jasmin.FailNextSends(1, 412, "Error \"No route found\"");
        (await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = "PEMKOT-3578", text = "Jadwal pembersihan berubah ke hari Selasa." }))
            .EnsureSuccessStatusCode();

        var refused = await FollowUpDeliveryElementAsync(id, NotificationStatus.Failed);
        Assert.Contains("412: No route found", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(hub.Jasmin.Sends, send => send.To == phone && send.Text.Contains("Jadwal pembersihan", StringComparison.Ordinal));
    }

    /// <summary>Forwards the report and posts a follow-up; returns the SMS that carried it.</summary>
    private async Task<JasminSend> PostFollowUpAsync(string id, string phone, string text)
    {
        if (!await IsForwardedAsync(id))
        {
            await ForwardAsync(id, phone);
        }

        var before = hub.Jasmin.Sends.Count;
        (await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups", new { agencyCode = "PEMKOT-3578", text })).EnsureSuccessStatusCode();
        return await hub.Jasmin.SentAsync(phone, send => send.Text.Contains(text[..20], StringComparison.Ordinal), after: before, waitingFor: $"with '{text}'");
    }

    /// <summary>Forwards the report to the city and waits for the SMS telling the citizen so.</summary>
    private async Task ForwardAsync(string id, string phone)
    {
        var before = hub.Jasmin.Sends.Count;
        (await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" })).EnsureSuccessStatusCode();
        await hub.Jasmin.SentAsync(phone, send => send.Text.Contains(id, StringComparison.Ordinal) || send.Text.Contains("diteruskan", StringComparison.Ordinal),
            after: before, waitingFor: "saying the report was forwarded");
    }

    private async Task<bool> IsForwardedAsync(string id) =>
        (await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync()).GetProperty("agencyCode").ValueKind == JsonValueKind.String;

    private async Task<NotificationStatus> FollowUpDeliveryAsync(string id, NotificationStatus expected) =>
        Enum.Parse<NotificationStatus>((await FollowUpDeliveryElementAsync(id, expected)).GetProperty("status").GetString()!);

    /// <summary>The follow-up's delivery on the report's history once it has reached <paramref name="expected"/>.</summary>
    private async Task<JsonElement> FollowUpDeliveryElementAsync(string id, NotificationStatus expected)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var thread = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
            var followUp = thread.GetProperty("history").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == "FollowUpPosted");
            if (followUp.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == JsonValueKind.Object
                && delivery.GetProperty("status").GetString() == expected.ToString())
            {
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The follow-up's delivery never became {expected}: {followUp}");
            await Task.Delay(50);
        }
    }
}
