using System.Net;
using System.Text.RegularExpressions;
using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>A chat answers, replies to and shows only the reports it filed itself; a tapped value counts only if the bot offered it (ADR 0010).</summary>
public sealed partial class TelegramReportFlowTests
{
    [Fact]
    public async Task A_forged_reply_button_puts_nothing_into_someone_elses_report_nor_answers_its_question()
    {
        const long victim = 7100101;
        const long attacker = 7100102;
        var victimsReport = await hub.FileInChatAsync(victim, 1100, "Pungli di kantor kelurahan saat mengurus surat pindah, diminta uang dua ratus ribu");
        await hub.Operator.PostJsonAsync($"/api/reports/{victimsReport}/clarification-requests", new { question = "Di kelurahan mana tepatnya?" });
        await hub.DeliveredAsync("Di kelurahan mana tepatnya?", victim);
        var attackersReport = await hub.FileInChatAsync(attacker, 1200, "Lampu jalan di gang kami mati sudah dua minggu, rawan kejahatan");
        await hub.Operator.PostJsonAsync($"/api/reports/{attackersReport}/forward", new { categoryCode = "PEKERJAAN-UMUM", agencyCode = "PEMKOT-3578" });
        await hub.Operator.PostJsonAsync($"/api/reports/{attackersReport}/follow-ups", new { agencyCode = "PEMKOT-3578", text = "Lampu sudah diganti." });
        await hub.DeliveredAsync("Lampu sudah diganti.", attacker);
        await hub.SayAsync(Text(1210, "Kelurahan Sukamaju, petugasnya sudah dilaporkan ke polisi", attacker), "laporan", attacker);

        await hub.PostAsync(CallbackQuery(1211, "cb-1211", $"reply:{victimsReport}", attacker));
        // The chat's messages are handled in order: once "bantuan" is answered, the forged tap has been handled too.
        await hub.SayAsync(Text(1212, "bantuan", attacker), "laporan saya", attacker);

        var report = await (await hub.Operator.GetAsync($"/api/reports/{victimsReport}")).ReadJsonAsync();
        Assert.Equal("NeedsClarification", report.GetProperty("status").GetString());
        Assert.DoesNotContain("Sukamaju", report.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_about_a_report_the_chat_did_not_file_never_captures_the_chats_next_message()
    {
        const long victim = 7100201;
        var filed = await (await hub.Public.PostJsonAsync("/api/reports",
            ApiJson.Report("Jalan di depan pasar berlubang besar dan membahayakan pengendara motor."))).ReadJsonAsync();
        var othersReport = filed.GetProperty("trackingId").GetString()!;
        var asked = await (await hub.Operator.PostJsonAsync($"/api/reports/{othersReport}/clarification-requests",
            new { question = "Di pasar mana tepatnya?" })).ReadJsonAsync();
        var question = asked.GetProperty("history").EnumerateArray().Last().GetProperty("sequence").GetInt32();
        // As if the report had been pinned on this chat (what the public API allowed before ADR 0010): its news reaches the chat.
        var conversation = hub.Services.GetRequiredService<IGrainFactory>().GetConversation(new ChannelAddress("telegram", $"{victim}"));
        await conversation.Notify(new ReportNotice(Lapor.Hub.Tracking.TrackingId.Parse(othersReport).Value, question,
            ReportEventKind.ClarificationRequested, "Di pasar mana tepatnya?", null, null, null, null, null));

        await hub.PostAsync(Text(1300, "Rumah saya di Jl. Mawar 5, anak saya sakit sejak kemarin dan butuh bantuan", victim));
        await hub.SayAsync(Text(1301, "bantuan", victim), "laporan saya", victim);

        var report = await (await hub.Operator.GetAsync($"/api/reports/{othersReport}")).ReadJsonAsync();
        Assert.Equal("NeedsClarification", report.GetProperty("status").GetString());
        Assert.DoesNotContain("Jl. Mawar 5", report.GetRawText(), StringComparison.Ordinal);
        Assert.Null((await conversation.GetSnapshot()).PendingQuestion);
    }

    [Fact]
    public async Task A_tap_on_a_button_no_longer_offered_asks_the_current_question_again_and_changes_nothing()
    {
        const long chat = 7100501;
        await hub.SayAsync(Text(1600, "Trotoar di depan pasar rusak parah, pejalan kaki terpaksa turun ke jalan raya", chat), "Di mana", chat);
        await hub.SayAsync(Text(1601, "Jl. Pasar Besar, Kota Malang", chat), "foto", chat);

        var again = await hub.SayAsync(CallbackQuery(1602, "cb-1602", "submit", chat), "foto", chat);

        Assert.Contains("\"callback_data\":\"skip\"", again.Parameters["reply_markup"]);
        var conversation = hub.Services.GetRequiredService<IGrainFactory>().GetConversation(new ChannelAddress("telegram", $"{chat}"));
        Assert.Equal(DialogStep.AwaitingPhotos, (await conversation.GetSnapshot()).Step);
    }

    [Fact]
    public async Task A_secret_report_filed_in_chat_comes_with_the_reporter_key_that_opens_it()
    {
        const long chat = 7100301;
        var id = await hub.FileInChatAsync(chat, 1400, "Oknum petugas meminta uang pelicin untuk pembuatan KTP di kantor kecamatan", secret: true);

        var keyMessage = await hub.DeliveredAsync("Kunci pelapor Anda:", chat);

        Assert.Contains("/lacak", keyMessage.Text);
        var key = Regex.Match(keyMessage.Text!, @"Kunci pelapor Anda: (\S+)").Groups[1].Value;
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Public.GetAsync($"/api/reports/{id}")).StatusCode);
        using var asReporter = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/{id}");
        asReporter.Headers.Add(Web.Reports.ReportEndpoints.ReporterKeyHeader, key);
        using var response = await hub.Public.SendAsync(asReporter);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("uang pelicin", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_commands_get_english_and_english_stays_although_telegram_says_the_phone_is_indonesian()
    {
        const long chat = 7100401;
        await hub.SayAsync(Text(1500, "help", chat, languageCode: "id"), "This is the LAPOR! complaints service", chat);
        await hub.SayAsync(Text(1501, "my reports", chat, languageCode: "id"), "You have no reports", chat);
        await hub.SayAsync(Text(1502, "The street light near my house has been broken for a week", chat, languageCode: "id"), "Where did it happen", chat);
        await hub.SayAsync(Text(1503, "cancel", chat, languageCode: "id"), "has been cancelled", chat);
        var unknown = Lapor.Hub.Tracking.TrackingId.NewId().ToDisplayString();
        await hub.SayAsync(Text(1504, unknown, chat, languageCode: "id"), "was not found", chat);
    }
}
