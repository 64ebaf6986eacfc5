using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Polls;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Channels.Citizens;
using Lapor.Hub.Tests.Channels.Flow;
using Lapor.Hub.Tests.Channels.Telegram;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Citizens.CitizenChats;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Polls;

/// <summary>The Telegram hub with SMS beside it (a capturing sender), no per-chat pacing, and quick invitation reminders.</summary>
public sealed class PollTelegramHub : TelegramHub
{
    public CapturingSender Sms { get; } = new(ChannelNames.Sms);

    protected override IReadOnlyList<string> MoreArguments =>
        ["--Outbox:PerChatInterval:telegram=00:00:00"];

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IChannelSender>(Sms);
}

/// <summary>
/// Policy polls in Telegram chats (the real Telegram.Bot client against the fake Bot API): the opt-in after the first
/// report, the invitation with its buttons, votes counted once per person, changes, forged and stale taps, "stop" and
/// "polling", and a citizen linked across Telegram and SMS voting once.
/// </summary>
public sealed class PollTelegramFlowTests(PollTelegramHub hub) : IClassFixture<PollTelegramHub>
{
    private const string Question = "Setujukah Anda jam operasional Suroboyo Bus diperpanjang sampai pukul 23.00?";

    [Fact]
    public async Task An_opted_in_citizen_gets_the_poll_with_buttons_votes_once_changes_it_and_cannot_vote_after_the_close()
    {
        const long chat = 7400001;
        await OptInAfterFirstReportAsync(chat, 1000);

        var pollId = await PollTestPolls.OpenAsync(hub.Services, Question, ["Setuju", "Tidak setuju", "Tidak tahu"]);
        var invitation = await hub.DeliveredAsync(Question, chat);
        var buttons = invitation.Parameters["reply_markup"];
        Assert.Contains($"\"callback_data\":\"poll:{pollId}:1\"", buttons);
        Assert.Contains($"\"callback_data\":\"poll:{pollId}:3\"", buttons);
        Assert.Contains("Tidak setuju", buttons);

        var counted = await hub.SayAsync(CallbackQuery(1010, "cb-1010", $"poll:{pollId}:2", chat), "dicatat", chat);
        Assert.Contains("Tidak setuju", counted.Text);
        Assert.Contains("Hasil saat ini (1 jawaban)", counted.Text);
        Assert.Contains("2. Tidak setuju ##########", counted.Text);
        await hub.SayAsync(CallbackQuery(1011, "cb-1011", $"poll:{pollId}:2", chat), "sudah tercatat", chat);
        Assert.Equal([0, 1, 0], (await PollTestPolls.ResultsAsync(hub.Services, pollId)).ByOption);

        await hub.SayAsync(CallbackQuery(1012, "cb-1012", $"poll:{pollId}:1", chat), "diubah menjadi \"Setuju\"", chat);
        var results = await PollTestPolls.ResultsAsync(hub.Services, pollId);
        Assert.Equal([1, 0, 0], results.ByOption);
        Assert.Equal([1, 0, 0], results.ByChannel["telegram"]);

        await PollTestPolls.CloseAsync(hub.Services, pollId);
        await hub.SayAsync(CallbackQuery(1013, "cb-1013", $"poll:{pollId}:2", chat), "sudah ditutup", chat);
        Assert.Equal([1, 0, 0], (await PollTestPolls.ResultsAsync(hub.Services, pollId)).ByOption);
        var progress = await PollTestPolls.InvitationsFinishedAsync(hub.Services, pollId);
        Assert.True(progress.Invited >= 1);
    }

    [Fact]
    public async Task A_forged_payload_for_a_poll_not_offered_here_and_an_option_that_does_not_exist_are_not_counted()
    {
        const long chat = 7400002;
        await OptInAfterFirstReportAsync(chat, 2000);
        var offered = await PollTestPolls.OpenAsync(hub.Services, "Perlukah jalur sepeda di Jl. Darmo?", ["Perlu", "Tidak perlu"]);
        await hub.DeliveredAsync("Perlukah jalur sepeda", chat);
        // Only for Jakarta: this Surabaya chat is never offered it.
        var elsewhere = await PollTestPolls.OpenAsync(hub.Services, "Perlukah ganjil-genap di Jl. Sudirman?", ["Perlu", "Tidak perlu"],
            new PollAudience(PollAudienceKind.Regions, ["31"]));
        await PollTestPolls.InvitationsFinishedAsync(hub.Services, elsewhere);

        await hub.SayAsync(CallbackQuery(2010, "cb-2010", $"poll:{elsewhere}:1", chat), "tidak dikirim ke chat ini", chat);
        await hub.SayAsync(CallbackQuery(2011, "cb-2011", $"poll:{offered}:7", chat), "tidak ada di polling ini", chat);
        await hub.SayAsync(CallbackQuery(2012, "cb-2012", $"poll:{PollIds.New()}:1", chat), "tidak dikirim ke chat ini", chat);

        Assert.Equal(0, (await PollTestPolls.ResultsAsync(hub.Services, elsewhere)).Total);
        Assert.Equal(0, (await PollTestPolls.ResultsAsync(hub.Services, offered)).Total);
        Assert.DoesNotContain(hub.BotApi.CallsTo("sendMessage"), call => call.Text!.Contains("ganjil-genap") && call.Parameters["chat_id"] == $"{chat}");
    }

    [Fact]
    public async Task After_stop_a_chat_is_not_invited_again_and_its_answers_are_not_counted_and_the_report_dialog_goes_on()
    {
        const long chat = 7400003;
        await OptInAfterFirstReportAsync(chat, 3000);
        var before = await PollTestPolls.OpenAsync(hub.Services, "Setujukah taman kota buka 24 jam?", ["Setuju", "Tidak"]);
        await hub.DeliveredAsync("taman kota buka 24 jam", chat);

        // "stop" in the middle of a new report: polls stop, the report's question is asked again and the draft goes on.
        await hub.SayAsync(Text(3010, "Trotoar di depan pasar Wonokromo rusak parah dan membahayakan pejalan kaki", chat), "Di mana", chat);
        var beforeStop = hub.BotApi.Calls.Count;
        await hub.SayAsync(Text(3011, "stop", chat), "tidak akan menerima polling lagi", chat);
        await hub.DeliveredAsync("Di mana", chat, after: beforeStop);
        await hub.SayAsync(Text(3012, "Jl. Wonokromo 5, Surabaya", chat), "foto", chat);

        await hub.SayAsync(CallbackQuery(3013, "cb-3013", $"poll:{before}:1", chat), "tidak dihitung", chat);
        Assert.Equal(0, (await PollTestPolls.ResultsAsync(hub.Services, before)).Total);

        var after = await PollTestPolls.OpenAsync(hub.Services, "Setujukah parkir meter di Jl. Tunjungan?", ["Setuju", "Tidak"]);
        await PollTestPolls.InvitationsFinishedAsync(hub.Services, after);
        Assert.DoesNotContain(hub.BotApi.CallsTo("sendMessage"), call => call.Text!.Contains("parkir meter") && call.Parameters["chat_id"] == $"{chat}");
        var registered = await hub.Services.GetRequiredService<IPollSubscribers>().FindAsync($"telegram:{chat}");
        Assert.False(registered!.OptedIn);
    }

    [Fact]
    public async Task Polling_lists_the_open_polls_for_the_citizen_with_their_buttons_and_a_vote_from_the_list_counts()
    {
        const long chat = 7400004;
        await hub.FileInChatAsync(chat, 4000, "Sampah menumpuk di TPS Jl. Keputran sejak seminggu, baunya sampai ke rumah warga");
        await hub.DeliveredAsync("polling kebijakan", chat);
        await hub.SayAsync(CallbackQuery(4010, "cb-4010", PollChoices.OptInNo, chat), "tidak akan menerima polling", chat);
        var pollId = await PollTestPolls.OpenAsync(hub.Services, "Setujukah pengangkutan sampah malam hari?", ["Setuju", "Tidak"]);
        await PollTestPolls.InvitationsFinishedAsync(hub.Services, pollId);
        Assert.DoesNotContain(hub.BotApi.CallsTo("sendMessage"), call => call.Text!.Contains("pengangkutan sampah malam") && call.Parameters["chat_id"] == $"{chat}");

        var listed = await hub.SayAsync(Text(4011, "polling", chat), "pengangkutan sampah malam", chat);
        Assert.Contains($"\"callback_data\":\"poll:{pollId}:2\"", listed.Parameters["reply_markup"]);
        await hub.SayAsync(CallbackQuery(4012, "cb-4012", $"poll:{pollId}:2", chat), "dicatat", chat);
        Assert.Equal([0, 1], (await PollTestPolls.ResultsAsync(hub.Services, pollId)).ByOption);
    }

    [Fact]
    public async Task A_citizen_linked_across_telegram_and_sms_votes_once_and_stop_all_stops_polls_on_both()
    {
        const string phone = "6281200007405";
        const long chat = 7400005;
        await FileAsync(hub.Services, Sms(phone), "Lampu penerangan jalan di Jl. Ngagel Jaya mati semua sejak tiga hari, gelap sekali malam hari");
        await hub.Sms.DeliveredAsync(phone, "polling kebijakan");
        var smsBefore = hub.Sms.CountTo(phone);
        await SayAsync(hub.Services, Sms(phone), text: "1");
        await hub.Sms.DeliveredAsync(phone, "Anda akan menerima polling", after: smsBefore);

        await hub.SayAsync(Contact(5000, "+" + phone, userId: chat, chat), "sudah ditautkan", chat);
        await hub.PostAsync(Text(5001, "polling", chat));
        await RegisteredAsync($"telegram:{chat}");

        var pollId = await PollTestPolls.OpenAsync(hub.Services, "Setujukah CFD diperluas ke Jl. Raya Darmo?", ["Setuju", "Tidak"]);
        await hub.DeliveredAsync("CFD diperluas", chat);
        var invited = await hub.Sms.DeliveredAsync(phone, "CFD diperluas");
        Assert.Equal(["Setuju", "Tidak"], invited.Message.Choices!.Select(c => c.Label));

        await hub.SayAsync(CallbackQuery(5002, "cb-5002", $"poll:{pollId}:1", chat), "dicatat", chat);
        smsBefore = hub.Sms.CountTo(phone);
        await SayAsync(hub.Services, Sms(phone), text: "2");
        await hub.Sms.DeliveredAsync(phone, "diubah menjadi \"Tidak\"", after: smsBefore);
        var results = await PollTestPolls.ResultsAsync(hub.Services, pollId);
        Assert.Equal([0, 1], results.ByOption);
        Assert.Equal([0, 1], results.ByChannel["sms"]);

        await hub.SayAsync(Text(5003, "berhenti semua", chat), "di semua nomor dan chat Anda (3)", chat);
        var subscribers = hub.Services.GetRequiredService<IPollSubscribers>();
        Assert.False((await subscribers.FindAsync($"telegram:{chat}"))!.OptedIn);
        Assert.False((await subscribers.FindAsync($"sms:{phone}"))!.OptedIn);
        Assert.Equal($"phone:{phone}", (await subscribers.FindAsync($"telegram:{chat}"))!.VoterKey);
    }

    /// <summary>Waits until the chat is opted in in the register (written at the end of the message that opted it in).</summary>
    private async Task<PollSubscriber> RegisteredAsync(string address)
    {
        var subscribers = hub.Services.GetRequiredService<IPollSubscribers>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await subscribers.FindAsync(address) is { OptedIn: true } subscriber)
            {
                return subscriber;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{address} was not opted in to polls.");
            await Task.Delay(50);
        }
    }

    private async Task OptInAfterFirstReportAsync(long chat, long firstUpdateId)
    {
        await hub.FileInChatAsync(chat, firstUpdateId, "Jalan berlubang besar di depan SDN 5 Jl. Kenjeran, sudah sebulan belum ditambal, banyak motor jatuh");
        var asked = await hub.DeliveredAsync("polling kebijakan", chat);
        Assert.Contains($"\"callback_data\":\"{PollChoices.OptInYes}\"", asked.Parameters["reply_markup"]);
        await hub.SayAsync(CallbackQuery(firstUpdateId + 8, $"cb-{firstUpdateId + 8}", PollChoices.OptInYes, chat), "Anda akan menerima polling", chat);
        var registered = await RegisteredAsync($"telegram:{chat}");
        Assert.Equal($"chat:telegram:{chat}", registered.VoterKey);
        Assert.Equal("35.78", registered.RegionCode);
    }
}
