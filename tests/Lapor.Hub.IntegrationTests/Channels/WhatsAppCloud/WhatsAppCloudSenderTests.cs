using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// The hub's WhatsApp sender against the fake Graph API: how choices are rendered by their number, what may be sent
/// outside the 24-hour window, and how Meta's errors become the outbox's retry or failure.
/// </summary>
public sealed class WhatsAppCloudSenderTests(WhatsAppCloudHub hub) : IClassFixture<WhatsAppCloudHub>
{
    private IChannelSender Sender => hub.Services.GetServices<IChannelSender>().Single(sender => sender.Channel == "whatsapp");

    [Fact]
    public async Task Four_to_ten_choices_go_as_a_list_and_more_as_numbered_lines()
    {
        var to = await OpenWindowAsync("6281400000001");
        var five = Enumerable.Range(1, 5).Select(i => new Choice($"kategori-{i}", $"Kategori nomor {i}")).ToArray();

        var listed = await Sender.SendAsync(to, new OutboundMessage("Pilih kategori laporan:", five), default);

        Assert.Equal(DeliveryStatus.Delivered, listed.Status);
        var list = hub.Graph.Sends.Single(send => send.MessageId == listed.ProviderMessageId);
        Assert.Equal("list", list.Body["interactive"]!["type"]!.GetValue<string>());
        Assert.Equal(five.Select(c => c.Value), list.ChoiceIds);

        var twelve = Enumerable.Range(1, 12).Select(i => new Choice($"c{i}", $"Opsi {i}")).ToArray();
        var numbered = await Sender.SendAsync(to, new OutboundMessage("Pilih salah satu:", twelve), default);
        var text = hub.Graph.Sends.Single(send => send.MessageId == numbered.ProviderMessageId);
        Assert.Equal("text", text.Type);
        Assert.Contains("12. Opsi 12", text.Text);
    }

    [Fact]
    public async Task A_long_text_with_choices_goes_first_and_the_buttons_after_it()
    {
        var to = await OpenWindowAsync("6281400000002");
        var longText = string.Join(' ', Enumerable.Repeat("Ringkasan laporan yang panjang sekali.", 40));

        var result = await Sender.SendAsync(to, new OutboundMessage(longText, [new Choice("submit", "Kirim"), new Choice("cancel", "Batal")]), default);

        var sends = hub.Graph.Sends.Where(send => send.To == to.Id).ToList();
        Assert.Equal(["text", "interactive"], sends.Select(send => send.Type));
        Assert.Equal(longText, sends[0].Text);
        Assert.True(sends[1].Text.Length <= 1024);
        Assert.Equal(sends[1].MessageId, result.ProviderMessageId);
    }

    [Fact]
    public async Task Outside_the_window_only_a_reports_news_can_be_sent()
    {
        var to = new ChannelAddress("whatsapp", "6281400000003"); // never wrote: no window at all

        var result = await Sender.SendAsync(to, new OutboundMessage("Apakah laporan ini sudah benar?"), default);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("24-hour window", result.Error);
        Assert.DoesNotContain(hub.Graph.Sends, send => send.To == to.Id);
    }

    [Theory]
    [InlineData(429, 4, DeliveryStatus.RetryLater)]
    [InlineData(400, 131056, DeliveryStatus.RetryLater)]
    [InlineData(400, 80007, DeliveryStatus.RetryLater)]
    [InlineData(500, 1, DeliveryStatus.RetryLater)]
    [InlineData(503, 131000, DeliveryStatus.RetryLater)]
    [InlineData(400, 131026, DeliveryStatus.Failed)]
    [InlineData(400, 100, DeliveryStatus.Failed)]
    public async Task Metas_errors_become_a_retry_or_a_failure_with_the_code(int httpStatus, int code, DeliveryStatus expected)
    {
        var to = await OpenWindowAsync($"62814000{httpStatus}{code % 10000:D4}");
        hub.Graph.FailNextSends(1, code, "(#" + code + ") Something went wrong", httpStatus);

        var result = await Sender.SendAsync(to, new OutboundMessage("Halo"), default);

        Assert.Equal(expected, result.Status);
        Assert.StartsWith($"meta {code}: ", result.Error);
    }

    private async Task<ChannelAddress> OpenWindowAsync(string phone)
    {
        var address = new ChannelAddress("whatsapp", phone);
        await hub.Services.GetRequiredService<IGrainFactory>().GetWhatsAppWindow(address).NoteInbound(hub.Clock.GetUtcNow());
        return address;
    }
}
