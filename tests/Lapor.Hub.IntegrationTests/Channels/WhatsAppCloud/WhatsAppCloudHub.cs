using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Lapor.Hub.Tests.Api;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Reports;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>
/// The whole hub with channel "whatsapp" carried by the WhatsApp Cloud API, pointed at a local fake Graph API; webhooks
/// are posted to the hub signed with the app secret as Meta signs them. The business clock can be moved forward.
/// </summary>
public partial class WhatsAppCloudHub : InProcessHub
{
    public const string VerifyToken = "lapor-verify-token-123";
    public const string TemplateName = "lapor_kabar_laporan";
    public const string PublicBaseUrl = "https://lapor.example.go.id";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _posted = new();
    private int _nextWamid;

    public FakeGraphApi Graph { get; private set; } = null!;

    /// <summary>The hub's clock (report deadlines, the WhatsApp window, the outbox), which a test moves forward.</summary>
    public AdjustableTimeProvider Clock { get; } = new();

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        return
        [
            "--WhatsApp:Provider=Cloud",
            $"--WhatsApp:Cloud:AccessToken={FakeGraphApi.AccessToken}",
            $"--WhatsApp:Cloud:AppSecret={CloudWebhooks.AppSecret}",
            $"--WhatsApp:Cloud:VerifyToken={VerifyToken}",
            $"--WhatsApp:Cloud:PhoneNumberId={FakeGraphApi.PhoneNumberId}",
            $"--WhatsApp:Cloud:ApiBaseUrl={Graph.ApiBaseUrl}",
            $"--WhatsApp:Cloud:PublicBaseUrl={PublicBaseUrl}",
            $"--WhatsApp:NoticeTemplate:Name={TemplateName}",
            "--WhatsApp:NoticeTemplate:Languages:id=id",
            "--WhatsApp:NoticeTemplate:Languages:en=en_US",
            "--Outbox:FirstRetryDelay=00:00:00.200",
            "--Outbox:MaxRetryDelay=00:00:01",
        ];
    }

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(new HubClock(Clock));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }

    /// <summary>The webhook bodies the hub answered with 2xx, oldest first.</summary>
    public IReadOnlyList<string> Posted => [.. _posted];

    /// <summary>A wamid never used before in this hub.</summary>
    public string NextWamid() => $"wamid.HBgLMTU1NTAwMDE3MDgVAgASGBQzQT{Interlocked.Increment(ref _nextWamid):D8}";

    /// <summary>Posts a notification to the webhook, signed with <paramref name="signature"/> (the right one unless given; "" for none).</summary>
    public async Task<HttpResponseMessage> PostAsync(string body, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/channels/whatsapp/cloud")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        signature ??= CloudWebhooks.Sign(body);
        if (signature.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Hub-Signature-256", signature);
        }

        var response = await Public.SendAsync(request);
        if (response.IsSuccessStatusCode)
        {
            _posted.Enqueue(body);
        }

        return response;
    }

    /// <summary>Posts a notification and waits until the hub has sent <paramref name="to"/> a message containing <paramref name="expect"/>.</summary>
    public async Task<GraphSend> SayAsync(string body, string expect, string to)
    {
        var before = Graph.Sends.Count;
        var response = await PostAsync(body);
        response.EnsureSuccessStatusCode();
        return await SentAsync(expect, to, after: before);
    }

    /// <summary>Waits for a successful send to <paramref name="to"/> whose text contains <paramref name="text"/>.</summary>
    public async Task<GraphSend> SentAsync(string text, string to, int after = 0, string? type = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var send = Graph.Sends.Skip(after).FirstOrDefault(s =>
                s.Succeeded && s.To == to && (type is null || s.Type == type) && s.Text.Contains(text, StringComparison.Ordinal));
            if (send is not null)
            {
                return send;
            }

            Assert.True(DateTime.UtcNow < deadline,
                $"No {type ?? "message"} containing '{text}' to {to}. Sent: {string.Join(" | ", Graph.Sends.Select(s => $"{s.Type}:{s.Text}"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>Files a report by chatting, tapping the buttons as a citizen does; returns its tracking ID.</summary>
    public async Task<string> FileReportAsync(string phone, string description, bool secret = false)
    {
        await SayAsync(CloudWebhooks.Text(NextWamid(), phone, description, Clock.GetUtcNow()), "Di mana", phone);
        await SayAsync(CloudWebhooks.Text(NextWamid(), phone, "Jl. Kenjeran 100, Surabaya", Clock.GetUtcNow()), "foto", phone);
        await SayAsync(CloudWebhooks.ButtonReply(NextWamid(), phone, "skip", "Lewati", Clock.GetUtcNow()), "anonim", phone);
        await SayAsync(CloudWebhooks.ButtonReply(NextWamid(), phone, "no", "Tidak", Clock.GetUtcNow()), "dirahasiakan", phone);
        await SayAsync(CloudWebhooks.ButtonReply(NextWamid(), phone, secret ? "yes" : "no", secret ? "Ya" : "Tidak", Clock.GetUtcNow()), "Ringkasan", phone);
        var filed = await SayAsync(CloudWebhooks.ButtonReply(NextWamid(), phone, "submit", "Kirim", Clock.GetUtcNow()), "Nomor laporan", phone);
        // The last answer to a first report is the policy-poll opt-in question: tests that fail the next send mean a later one.
        await SentAsync("polling kebijakan", phone);
        return TrackingIdIn(filed);
    }

    /// <summary>Waits until the report's last <paramref name="kind"/> entry shows its WhatsApp delivery as <paramref name="status"/>.</summary>
    public async Task<System.Text.Json.JsonElement> DeliveryAsync(string id, string kind, string status)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var report = await (await Operator.GetAsync($"/api/reports/{id}")).ReadJsonAsync();
            var entry = report.GetProperty("history").EnumerateArray().Last(e => e.GetProperty("kind").GetString() == kind);
            if (entry.TryGetProperty("delivery", out var delivery) && delivery.ValueKind == System.Text.Json.JsonValueKind.Object
                && delivery.GetProperty("status").GetString() == status)
            {
                Assert.Equal("whatsapp", delivery.GetProperty("channel").GetString());
                return delivery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{kind} of {id} never became {status}: {entry}");
            await Task.Delay(50);
        }
    }

    public static string TrackingIdIn(GraphSend send) => TrackingIdPattern().Match(send.Text).Value;

    [GeneratedRegex("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{3}")]
    private static partial Regex TrackingIdPattern();
}
