using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Sms.Text;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tracking;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.SmsDialog;

/// <summary>
/// A citizen on a basic phone, through the real hub (silo, SQLite, outbox): files in one SMS and gets the tracking ID and the
/// verification deadline, checks the report with a mistyped ID, replies with BALAS after the agency's follow-up, and STOP
/// silences the next follow-up until MULAI. Every SMS the hub sends fits three parts.
/// </summary>
public sealed partial class SmsDialogFlowTests(SmsDialogHub hub) : IClassFixture<SmsDialogHub>
{
    private const string Report = "Jalan berlubang besar di Jl. Kenjeran Surabaya depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh";

    [Fact]
    public async Task A_citizen_files_checks_replies_and_stops_by_sms()
    {
        const string phone = "6281200000001";
        var filed = await hub.SayAsync(phone, "SM-file-1", Report, "Nomor laporan");
        var display = TrackingIdPattern().Match(filed.Text).Value;
        var id = TrackingId.Parse(display);
        Assert.Contains("paling lambat", filed.Text);
        Assert.Contains($"CEK {display}", filed.Text);
        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Equal(ChannelNames.Sms, report.GetProperty("reporter").GetProperty("channel").GetString());
        Assert.Equal("35.78", report.GetProperty("regionCode").GetString());

        // The provider redelivers the same SMS: no second report.
        await hub.TextAsync(phone, "SM-file-1", Report);
        var conversation = hub.Services.GetRequiredService<IGrainFactory>().GetConversation(new ChannelAddress(ChannelNames.Sms, phone));
        Assert.Equal([id.Value], (await conversation.GetSnapshot()).TrackingIds);

        await hub.SayAsync(phone, "SM-check-1", $"cek {Mistyped(id)}", $"{display} - menunggu verifikasi");

        var before = hub.Sender.CountTo(phone);
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Lubang sudah ditambal oleh DSDABM pada 28 November." });
        var followUp = await hub.Sender.DeliveredAsync(phone, "Lubang sudah ditambal oleh DSDABM", after: before);
        Assert.Contains($"BALAS {display} <pesan>", followUp.Text);

        await hub.SayAsync(phone, "SM-reply-1", $"balas {id.Value.ToLowerInvariant()} Terima kasih, jalannya sudah rata lagi",
            $"sudah ditambahkan ke laporan {display}");
        var thread = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.Contains(thread.GetProperty("history").EnumerateArray(),
            entry => entry.TryGetProperty("text", out var text) && text.GetString() == "Terima kasih, jalannya sudah rata lagi");

        var stopped = await hub.SayAsync(phone, "SM-stop-1", "STOP", "tidak akan menerima SMS lagi");
        Assert.True((await conversation.GetSnapshot()).OptedOut);
        var afterStop = hub.Sender.CountTo(phone);
        // The report notifies the conversation before the API answers, so the outbox has the notice by now if it ever will.
        var secondFollowUp = await hub.Operator.PostJsonAsync($"/api/reports/{id}/follow-ups",
            new { agencyCode = "PEMKOT-3578", text = "Marka jalan juga sudah dicat ulang." });
        secondFollowUp.EnsureSuccessStatusCode();
        await hub.TextAsync(phone, "SM-check-2", $"CEK {display}");
        await hub.SayAsync(phone, "SM-start-1", "MULAI", "aktif lagi");

        // One outbox per phone sends in order: whatever was queued after STOP came before "aktif lagi".
        Assert.Equal(["aktif lagi"], hub.Sender.Texts(phone).Skip(afterStop).Select(text => text.Contains("aktif lagi") ? "aktif lagi" : text));
        Assert.False((await conversation.GetSnapshot()).OptedOut);
        Assert.Contains("tidak akan menerima", stopped.Text);
        Assert.All(hub.Sender.All(), sms => Assert.InRange(sms.Segments, 1, SmsReplyText.MaxSegments));
    }

    /// <summary>The ID as a citizen might type it: lower case, no dashes, two different neighbours swapped.</summary>
    private static string Mistyped(TrackingId id)
    {
        var symbols = id.Value.ToLowerInvariant().ToCharArray();
        var at = Enumerable.Range(0, symbols.Length - 1).First(i => symbols[i] != symbols[i + 1]);
        (symbols[at], symbols[at + 1]) = (symbols[at + 1], symbols[at]);
        var typed = new string(symbols);
        Assert.False(TrackingId.TryParse(typed, out _));
        return typed;
    }

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
