using Lapor.Hub.Channels.Conversations;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Reports;
using Lapor.Hub.Tests.Channels.Flow;
using Microsoft.Extensions.DependencyInjection;
using static Lapor.Hub.Tests.Channels.Citizens.CitizenChats;
using static Lapor.Hub.Tests.Channels.Telegram.TelegramUpdates;

namespace Lapor.Hub.Tests.Channels.Citizens;

/// <summary>The real Telegram flow with WhatsApp beside it: the hub behind the real Telegram.Bot client and a fake Bot API.</summary>
public sealed class TelegramCitizenHub : TelegramHub
{
    public CapturingSender WhatsApp { get; } = new(ChannelNames.WhatsApp);

    protected override void ReplaceServices(IServiceCollection services) => services.AddSingleton<IChannelSender>(WhatsApp);
}

/// <summary>A Telegram chat joins a phone number's citizen only by sharing its own contact; anyone else's number links nothing.</summary>
public sealed class TelegramContactShareTests(TelegramCitizenHub hub) : IClassFixture<TelegramCitizenHub>
{
    [Fact]
    public async Task A_contact_share_of_another_persons_number_links_nothing_and_the_chat_cannot_see_their_reports()
    {
        const string victim = "6281200000401";
        const long attacker = 7200101;
        var id = await FileAsync(hub.Services, WhatsApp(victim), "Pungutan liar di loket kantor kelurahan saat mengurus KTP, diminta seratus ribu rupiah", secret: true);

        await hub.SayAsync(Contact(2100, "+62 812-0000-0401", userId: attacker + 1, attacker), "tidak ditautkan", attacker);
        await hub.SayAsync(Contact(2101, victim, userId: null, attacker), "tidak ditautkan", attacker);

        // In a group, even one's own card links nothing: the group's chat is not one person's.
        const long group = -1007200100;
        await hub.SayAsync(Contact(2104, victim, userId: attacker, attacker, groupId: group), "tidak ditautkan", group);
        await hub.SayAsync(Text(2102, "laporan saya", attacker), "belum punya laporan", attacker);
        await hub.SayAsync(Text(2103, Display(id), attacker), $"Laporan {Display(id)} tidak ditemukan", attacker);
        var conversation = hub.Services.GetRequiredService<IGrainFactory>().GetConversation(new ChannelAddress("telegram", $"{attacker}"));
        Assert.Empty((await conversation.GetSnapshot()).TrackingIds);
    }

    [Fact]
    public async Task Sharing_ones_own_contact_links_the_chat_to_the_numbers_reports_both_ways()
    {
        const string phone = "6281200000402";
        const long chat = 7200201;
        var byWhatsApp = await FileAsync(hub.Services, WhatsApp(phone), "Got di Jl. Rungkut Industri tersumbat sampah, air meluap ke rumah warga setiap sore", secret: true);
        await hub.SayAsync(Text(2199, Display(byWhatsApp), chat), $"Laporan {Display(byWhatsApp)} tidak ditemukan", chat);

        var linked = await hub.SayAsync(Contact(2200, "+6281200000402", userId: chat, chat), "sudah ditautkan", chat);
        Assert.Contains("(1 laporan)", linked.Text, StringComparison.Ordinal);
        var listed = await hub.SayAsync(Text(2201, "laporan saya", chat), "Laporan Anda", chat);
        Assert.Equal([Display(byWhatsApp)], TrackingIdsIn(listed.Text!));
        var status = await hub.SayAsync(Text(2202, Display(byWhatsApp), chat), Display(byWhatsApp), chat);
        Assert.Contains("menunggu verifikasi", status.Text, StringComparison.Ordinal);

        // A report filed on Telegram after the link is the number's too: WhatsApp lists both.
        var byTelegram = await hub.FileInChatAsync(chat, 2210, "Lampu lalu lintas di perempatan Jl. Kertajaya mati sejak pagi, kendaraan saling serobot");
        var before = hub.WhatsApp.CountTo(phone);
        await SayAsync(hub.Services, WhatsApp(phone), text: "laporan saya");
        var onWhatsApp = await hub.WhatsApp.DeliveredAsync(phone, "Laporan Anda", after: before);
        Assert.Equal([byTelegram, Display(byWhatsApp)], TrackingIdsIn(onWhatsApp.Message.Text));
    }

    [Fact]
    public async Task A_telegram_chats_first_report_is_followed_by_the_offer_to_share_its_contact()
    {
        const long chat = 7200301;

        await hub.FileInChatAsync(chat, 2300, "Tumpukan sampah di pinggir Kali Mas menimbulkan bau menyengat dan banyak lalat");

        var offer = await hub.DeliveredAsync("Bagikan kontak Anda sendiri", chat);
        Assert.Contains("\"request_contact\":true", offer.Parameters["reply_markup"], StringComparison.Ordinal);
        Assert.Contains("Bagikan nomor saya", offer.Parameters["reply_markup"], StringComparison.Ordinal);
    }
}
