using System.Globalization;
using System.Text;
using Lapor.Hub.Channels.Messages;
using Lapor.Hub.Channels.Telegram;
using Lapor.Hub.Tests.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lapor.Hub.Tests.Channels.Telegram;

public sealed class TelegramSenderTests : IAsyncLifetime
{
    private readonly TemporaryMediaStore _media = new();
    private readonly long _chat = TelegramHubFixture.NextId();
    private FakeTelegramBotApi _api = null!;

    private ChannelAddress To => new("telegram", _chat.ToString(CultureInfo.InvariantCulture));

    public async Task InitializeAsync() => _api = await FakeTelegramBotApi.StartAsync();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _media.Dispose();
    }

    [Fact]
    public async Task Choices_become_an_inline_keyboard_whose_callback_data_are_the_choice_values()
    {
        var result = await SendAsync(new OutboundMessage("Apakah laporan ini rahasia?", [new("secret:yes", "Ya, rahasia"), new("secret:no", "Tidak")]));

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var call = Assert.Single(_api.CallsTo("sendMessage"));
        Assert.Equal("1001", result.ProviderMessageId);
        Assert.Equal(_chat.ToString(CultureInfo.InvariantCulture), call.Parameters["chat_id"]);
        Assert.Equal("Apakah laporan ini rahasia?", call.Parameters["text"]);
        var rows = call.JsonParameter("reply_markup").GetProperty("inline_keyboard").EnumerateArray()
            .Select(row => row.EnumerateArray().Select(button => (button.GetProperty("text").GetString(), button.GetProperty("callback_data").GetString())).ToArray())
            .ToArray();
        Assert.Equal([[("Ya, rahasia", "secret:yes")], [("Tidak", "secret:no")]], rows);
    }

    [Fact]
    public async Task Callback_data_over_64_bytes_is_refused_before_Telegram_is_called()
    {
        // 33 characters, 66 bytes in UTF-8.
        var tooLong = new string('é', 33);

        var result = await SendAsync(new OutboundMessage("Pilih kategori", [new("ok", "Oke"), new(tooLong, "Terlalu panjang")]));

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Contains("66 bytes", result.Error, StringComparison.Ordinal);
        Assert.Contains("1–64 bytes", result.Error, StringComparison.Ordinal);
        Assert.Empty(_api.Calls);
    }

    [Fact]
    public async Task Too_many_requests_is_retry_later_after_telegrams_retry_after_without_retrying_inside()
    {
        _api.RateLimitNextSends(1, retryAfterSeconds: 7);

        var result = await SendAsync(new OutboundMessage("Laporan Anda: LPR-2025-000123"));

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.Contains("Too Many Requests", result.Error, StringComparison.Ordinal);
        Assert.Single(_api.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task A_server_error_is_retry_later()
    {
        _api.FailNextSends(1);

        var result = await SendAsync(new OutboundMessage("Tindak lanjut dari Dinas PU"));

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
        Assert.Null(result.RetryAfter);
    }

    [Fact]
    public async Task A_blocked_bot_or_an_unknown_chat_is_a_failure_with_telegrams_reason()
    {
        _api.RefuseNextSends(1, 403, "Forbidden: bot was blocked by the user");
        _api.RefuseNextSends(1, 400, "Bad Request: chat not found");

        var blocked = await SendAsync(new OutboundMessage("Tindak lanjut"));
        var unknown = await SendAsync(new OutboundMessage("Tindak lanjut"));

        Assert.Equal((DeliveryStatus.Failed, "Forbidden: bot was blocked by the user"), (blocked.Status, blocked.Error));
        Assert.Equal((DeliveryStatus.Failed, "Bad Request: chat not found"), (unknown.Status, unknown.Error));
    }

    [Fact]
    public async Task An_unreachable_bot_api_is_retry_later()
    {
        var nowhere = new TelegramOptions { BotToken = FakeTelegramBotApi.Token, ApiBaseUrl = $"http://127.0.0.1:{FreePorts.Next()}" };
        var sender = new TelegramSender(TelegramBotClients.Create(nowhere), _media, NullLogger<TelegramSender>.Instance);

        var result = await sender.SendAsync(To, new OutboundMessage("Halo"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.RetryLater, result.Status);
    }

    [Fact]
    public async Task A_photo_goes_with_the_text_as_its_caption_and_a_pdf_as_a_document()
    {
        var photoBytes = Encoding.ASCII.GetBytes("public copy of the photo");
        var photo = await _media.AddAsync(photoBytes, "image/jpeg", "bukti.jpg");
        var pdf = await _media.AddAsync(Encoding.ASCII.GetBytes("%PDF surat"), "application/pdf", "surat.pdf");

        var withPhoto = await SendAsync(new OutboundMessage("Jalan sudah diperbaiki.", [new("reply", "Balas")], [photo]));
        var withPdf = await SendAsync(new OutboundMessage("Surat tanggapan terlampir.", Media: [pdf]));

        Assert.Equal(DeliveryStatus.Delivered, withPhoto.Status);
        Assert.Equal(DeliveryStatus.Delivered, withPdf.Status);
        var sentPhoto = Assert.Single(_api.CallsTo("sendPhoto"));
        Assert.Equal("Jalan sudah diperbaiki.", sentPhoto.Parameters["caption"]);
        Assert.Equal(photoBytes, sentPhoto.Attachment("photo"));
        Assert.Equal("reply", sentPhoto.JsonParameter("reply_markup").GetProperty("inline_keyboard")[0][0].GetProperty("callback_data").GetString());
        var sentPdf = Assert.Single(_api.CallsTo("sendDocument"));
        Assert.Equal("Surat tanggapan terlampir.", sentPdf.Parameters["caption"]);
        Assert.Empty(_api.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task An_address_that_is_not_a_telegram_chat_is_a_failure()
    {
        var result = await Sender().SendAsync(new ChannelAddress("telegram", "not-a-chat-id"), new OutboundMessage("Halo"), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Failed, result.Status);
        Assert.Empty(_api.Calls);
    }

    private Task<DeliveryResult> SendAsync(OutboundMessage message) => Sender().SendAsync(To, message, CancellationToken.None);

    private TelegramSender Sender() => new(
        TelegramBotClients.Create(new TelegramOptions { BotToken = FakeTelegramBotApi.Token, ApiBaseUrl = _api.BaseUrl.ToString() }),
        _media,
        NullLogger<TelegramSender>.Instance);
}
