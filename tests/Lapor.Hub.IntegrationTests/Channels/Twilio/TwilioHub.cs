using System.Text.RegularExpressions;
using Lapor.Hub.Tests.Hosting;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>
/// The whole hub with SMS and WhatsApp carried by Twilio, the real Twilio client pointed at a local fake of its API, and
/// webhooks signed as Twilio signs them over the hub's configured public URL.
/// </summary>
public partial class TwilioHub : InProcessHub
{
    public const string PublicBaseUrl = "https://lapor.example.go.id";
    public const string IndonesianTemplate = "HX0123456789abcdef0123456789abcd01";
    public const string EnglishTemplate = "HX0123456789abcdef0123456789abcd02";
    /// <summary>A small bound on fetched media, so a test can send a photo that is too large.</summary>
    public const int MaxMediaBytes = 3 * 1024 * 1024;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public FakeTwilioApi Api { get; private set; } = null!;

    public TwilioWebhookPoster Webhooks { get; private set; } = null!;

    /// <summary>The settings that turn on both channels through Twilio, for a hub in this process or a child process.</summary>
    public static IReadOnlyList<string> Arguments(FakeTwilioApi api) =>
    [
        "--Sms:Provider=Twilio",
        "--WhatsApp:Provider=Twilio",
        $"--Twilio:AccountSid={FakeTwilioApi.AccountSid}",
        $"--Twilio:AuthToken={FakeTwilioApi.AuthToken}",
        $"--Twilio:ApiBaseUrl={api.BaseUrl}",
        $"--Twilio:PublicBaseUrl={PublicBaseUrl}",
        $"--Twilio:SmsFrom={TwilioMessages.SmsNumber}",
        $"--Twilio:WhatsAppFrom={TwilioMessages.WhatsAppNumber}",
        $"--WhatsApp:NoticeTemplate:TwilioContentSids:id={IndonesianTemplate}",
        $"--WhatsApp:NoticeTemplate:TwilioContentSids:en={EnglishTemplate}",
    ];

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync()
    {
        Api = await FakeTwilioApi.StartAsync();
        return
        [
            .. Arguments(Api),
            "--Outbox:FirstRetryDelay=00:00:00.200",
            "--Outbox:MaxRetryDelay=00:00:01",
            $"--Twilio:MaxMediaBytes={MaxMediaBytes}",
        ];
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Webhooks = new TwilioWebhookPoster(Settings.BaseAddress, PublicBaseUrl, FakeTwilioApi.AuthToken);
    }

    public override async Task DisposeAsync()
    {
        Webhooks?.Dispose();
        await base.DisposeAsync();
        await Api.DisposeAsync();
    }

    /// <summary>Posts an inbound message to the channel's webhook and checks Twilio would count it as taken.</summary>
    public async Task PostAsync(string channel, Dictionary<string, string> form)
    {
        using var response = await Webhooks.PostAsync($"/channels/{channel}/twilio", form);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Posts an inbound message and waits for a message to its sender whose body contains <paramref name="expect"/>.</summary>
    public async Task<FakeTwilioSend> SayAsync(string channel, Dictionary<string, string> form, string expect)
    {
        var before = Api.Sends.Count;
        await PostAsync(channel, form);
        return await DeliveredAsync(form["From"], expect, after: before);
    }

    /// <summary>Waits for a successful send to <paramref name="to"/> (as Twilio writes it) whose body contains <paramref name="text"/>.</summary>
    public Task<FakeTwilioSend> DeliveredAsync(string to, string text, int after = 0) =>
        SentAsync(to, send => send.Body.Contains(text, StringComparison.Ordinal), $"body containing '{text}'", after);

    /// <summary>Waits for a successful send to <paramref name="to"/> matching <paramref name="match"/>.</summary>
    public async Task<FakeTwilioSend> SentAsync(string to, Func<FakeTwilioSend, bool> match, string what, int after = 0)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (Api.Sends.Skip(after).FirstOrDefault(send => send.To == to && send.Succeeded && match(send)) is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"No message with {what} to {to}. Sent: {string.Join(" | ", Api.SendsTo(to).Select(s => s.Body + s.ContentSid))}");
            await Task.Delay(50);
        }
    }

    /// <summary>Files a report in the guided WhatsApp dialog, answering by words; returns its tracking ID.</summary>
    public async Task<string> FileByWhatsAppAsync(string phone, string description, bool secret = false)
    {
        await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, description), "Di mana");
        await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, "Jl. Kenjeran 100, Surabaya"), "foto");
        await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, "lewati"), "anonim");
        await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, "tidak"), "dirahasiakan");
        await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, secret ? "ya" : "tidak"), "Ringkasan");
        return TrackingIdIn(await SayAsync("whatsapp", TwilioMessages.WhatsApp(phone, "kirim"), "Nomor laporan"));
    }

    /// <summary>Files a report by SMS: one message that says what and where; the reply carries the tracking ID.</summary>
    public async Task<string> FileBySmsAsync(string phone, string description) =>
        TrackingIdIn(await SentAsync(phone, send => TrackingIdPattern().IsMatch(send.Body), "a tracking ID",
            after: await CountAfterPostAsync("sms", TwilioMessages.Sms(phone, description))));

    /// <summary>Posts Twilio's status callback about <paramref name="send"/> to the channel's status URL.</summary>
    public async Task<HttpResponseMessage> StatusAsync(string channel, FakeTwilioSend send, string status, string? errorCode = null) =>
        await Webhooks.PostAsync($"/channels/{channel}/twilio/status", TwilioMessages.Status(send.Sid, status, send.To, send.From, errorCode));

    public static string TrackingIdIn(FakeTwilioSend send) => TrackingIdPattern().Match(send.Body).Value;

    private async Task<int> CountAfterPostAsync(string channel, Dictionary<string, string> form)
    {
        var before = Api.Sends.Count;
        await PostAsync(channel, form);
        return before;
    }

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
