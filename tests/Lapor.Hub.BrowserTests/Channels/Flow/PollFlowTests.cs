using System.Text.RegularExpressions;
using Lapor.Hub.Tests.Browser;
using Lapor.Hub.Tests.Channels.Telegram;
using Lapor.Hub.Tests.Console;
using Lapor.Hub.Tests.Console.Browser;
using Lapor.Hub.Web.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Lapor.Hub.Tests.Channels.Flow.WebChatPage;
using static Microsoft.Playwright.Assertions;

namespace Lapor.Hub.Tests.Channels.Flow;

/// <summary>The hub with the fake Telegram Bot API beside it and an officer's account for the console.</summary>
public sealed class PollFlowHub : TelegramHub
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<HubUser>>();
        var created = await users.CreateAsync(new HubUser
        {
            UserName = ConsoleHub.OfficerA, DisplayName = "Uji petugas", Role = HubRoles.AgencyOfficer, AgencyCode = ConsoleHub.AgencyA,
        }, ConsoleHub.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
    }
}

/// <summary>
/// Issue 14's whole path: an officer creates and opens a poll in the console (headless Chromium); it reaches a citizen in
/// the official Web Chat control and one on Telegram (the hub's real Telegram.Bot client against the fake Bot API), who
/// both opted in after their first report; both vote; the public results page shows both votes in its chart and table.
/// Screenshots: bin/…/TestResults/screenshots/poll-flow-*.png.
/// </summary>
public sealed partial class PollFlowTests(PollFlowHub hub) : IClassFixture<PollFlowHub>
{
    private const long TelegramChat = 5550714;

    [SkippableFact]
    public async Task A_poll_made_by_an_officer_reaches_web_chat_and_Telegram_and_the_public_page_shows_both_votes()
    {
        Skip.IfNot(HeadlessChromium.IsAvailable, HeadlessChromium.UnavailableReason);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        await using var citizenTab = await chromium.NewPageAsync();
        var chat = citizenTab.Page;

        // The web-chat citizen files a report and says yes when asked about polls.
        await chat.GotoAsync(hub.Settings.BaseAddress.ToString());
        var sendBox = await ConnectedSendBoxAsync(chat);
        await SendAsync(sendBox, "Trotoar di depan Pasar Keputran rusak dan berlubang, berbahaya bagi pejalan kaki");
        await Expect(Bubble(chat, "Di mana kejadiannya?")).ToBeVisibleAsync(Soon);
        await SendAsync(sendBox, "Jl. Keputran 12, Surabaya");
        await Expect(Bubble(chat, "Ada foto pendukung?")).ToBeVisibleAsync(Soon);
        await ChooseAsync(chat, "Lewati");
        await Expect(Bubble(chat, "Apakah identitas Anda ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(chat, "Tidak");
        await Expect(Bubble(chat, "Apakah isi laporan ingin dirahasiakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(chat, "Tidak");
        await Expect(Bubble(chat, "Ringkasan laporan Anda")).ToBeVisibleAsync(Soon);
        await ChooseAsync(chat, "Kirim");
        await Expect(Bubble(chat, "Nomor laporan:")).ToBeVisibleAsync(Soon);
        await Expect(Bubble(chat, "menerima polling kebijakan")).ToBeVisibleAsync(Soon);
        await ChooseAsync(chat, "Ya, mau");
        await Expect(Bubble(chat, "Anda akan menerima polling")).ToBeVisibleAsync(Soon);

        // The Telegram citizen does the same by chatting.
        await hub.FileInChatAsync(TelegramChat, firstUpdateId: 71_000, "Lampu penerangan jalan di Jalan Kenjeran padam sejak seminggu");
        await hub.DeliveredAsync("menerima polling kebijakan", TelegramChat);
        await hub.SayAsync(TelegramUpdates.CallbackQuery(71_100, "cb-optin", "polls:yes", TelegramChat), "Anda akan menerima polling", TelegramChat);

        // The officer makes the poll in the console and opens it.
        await using var officerTab = await chromium.NewPageAsync();
        var console = officerTab.Page;
        console.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await BrowserSignIn.SignInAtAsync(console, hub.Settings.BaseAddress, ConsoleHub.OfficerA, "/konsol/polling/draf");
        var question = "Perlukah jalur sepeda di sepanjang Jalan Darmo?";
        await console.GetByLabel("Pertanyaan", new() { Exact = true }).FillAsync(question);
        await console.Locator("#option-0").FillAsync("Perlu");
        await console.Locator("#option-1").FillAsync("Tidak perlu");
        await console.GetByLabel("Tampilkan hasil kepada pemilih sebelum polling ditutup").CheckAsync();
        await console.Locator("#opens").FillAsync(Wib(DateTimeOffset.UtcNow.AddMinutes(-1)));
        await console.Locator("#closes").FillAsync(Wib(DateTimeOffset.UtcNow.AddDays(7)));
        await console.GetByRole(AriaRole.Button, new() { Name = "Simpan draf" }).ClickAsync();
        await console.WaitForURLAsync(PollPage());
        var pollId = PollPage().Match(console.Url).Groups[1].Value;
        await console.GetByRole(AriaRole.Button, new() { Name = "Buka polling" }).ClickAsync();
        await Expect(console.Locator("#poll-status")).ToHaveTextAsync("Dibuka");
        await HeadlessChromium.ScreenshotAsync(console, "poll-flow-1-opened");

        // Both citizens get it, in their own chat, and vote.
        await Expect(Bubble(chat, $"Polling: {question}")).ToBeVisibleAsync(Soon);
        await HeadlessChromium.ScreenshotAsync(chat, "poll-flow-2-web-chat-invitation");
        await ChooseAsync(chat, "Tidak perlu");
        await Expect(Bubble(chat, "Terima kasih, jawaban Anda \"Tidak perlu\" dicatat.")).ToBeVisibleAsync(Soon);
        await HeadlessChromium.ScreenshotAsync(chat, "poll-flow-3-web-chat-voted");

        var invitation = await hub.DeliveredAsync($"Polling: {question}", TelegramChat);
        var buttons = invitation.JsonParameter("reply_markup").GetProperty("inline_keyboard").EnumerateArray()
            .SelectMany(row => row.EnumerateArray()).ToDictionary(b => b.GetProperty("text").GetString()!, b => b.GetProperty("callback_data").GetString()!);
        await hub.SayAsync(TelegramUpdates.CallbackQuery(71_101, "cb-vote", buttons["Perlu"], TelegramChat), "dicatat", TelegramChat);

        // The console's live results and the public page show both votes.
        await Expect(console.Locator("#live-total")).ToHaveTextAsync("2 suara", new() { Timeout = 30_000 });
        await Expect(console.Locator("#invitation-label")).ToHaveTextAsync("2 dari 2 diundang, 0 dilewati");
        await console.GotoAsync(new Uri(hub.Settings.BaseAddress, $"/polling/{pollId}").ToString());
        await console.Locator(".chart-box canvas").WaitForAsync();
        await Expect(console.Locator("#total")).ToHaveTextAsync("2 suara");
        await Expect(console.Locator("#results tbody tr").Nth(0)).ToHaveTextAsync(new Regex(@"Perlu\s*1"));
        await Expect(console.Locator("#results tbody tr").Nth(1)).ToHaveTextAsync(new Regex(@"Tidak perlu\s*1"));
        await Expect(console.Locator("#by-channel tbody tr")).ToHaveCountAsync(2);
        // The chart is drawn from the same table: one bar of 1 for each option.
        var bars = await console.EvaluateAsync<int[]>("() => Chart.getChart(document.querySelector('.chart-box canvas')).data.datasets[0].data");
        Assert.Equal([1, 1], bars);
        await HeadlessChromium.ScreenshotAsync(console, "poll-flow-4-public-results");
        await AccessibilityCheck.AssertNoViolationsAsync(console, "poll-flow-public-results");
    }

    private static string Wib(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Lapor.Hub.Calendar.IndonesianTimeZones.Wib).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("/konsol/polling/([a-z0-9]{12})$")]
    private static partial Regex PollPage();
}
