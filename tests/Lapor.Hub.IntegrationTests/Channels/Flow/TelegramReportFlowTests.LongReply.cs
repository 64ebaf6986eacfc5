using Lapor.Hub.Reports.Commands;
using Lapor.Hub.Tests.Api;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>The chat's answers go through the one command door: its length limit is explained in the chat, not thrown.</summary>
public sealed partial class TelegramReportFlowTests
{
    [Fact]
    public async Task A_too_long_answer_is_explained_in_the_chat_and_a_shorter_one_still_answers_the_question()
    {
        const long chat = 7100201;
        var id = await hub.FileInChatAsync(chat, 1500, "Saluran air di Jl. Kenjeran tersumbat sampah, setiap hujan banjir sampai lutut");
        await hub.Operator.PostJsonAsync($"/api/reports/{id}/clarification-requests", new { question = "Sejak kapan saluran tersumbat?" });
        await hub.DeliveredAsync("Sejak kapan saluran tersumbat?", chat);

        var tooLong = new string('a', CommandLimits.MaxMessageLength + 1);
        var refused = await hub.SayAsync(Text(1510, tooLong, chat), "terlalu panjang", chat);
        Assert.Contains(CommandLimits.MaxMessageLength.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Text);

        await hub.SayAsync(Text(1511, "Sejak awal bulan November", chat), "jawaban Anda", chat);
        var report = await (await hub.Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
        Assert.NotEqual("NeedsClarification", report.GetProperty("status").GetString());
        Assert.DoesNotContain(tooLong, report.GetRawText(), StringComparison.Ordinal);
    }
}
