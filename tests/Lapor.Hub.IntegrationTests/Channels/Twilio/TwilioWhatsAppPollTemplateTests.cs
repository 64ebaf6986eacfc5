using System.Text.Json;
using Lapor.Hub.Tests.Channels.Polls;
using Lapor.Hub.Tests.Reports;
using Lapor.Hub.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Lapor.Hub.Tests.Channels.Twilio.TwilioMessages;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>A Twilio hub with the poll template's Content SIDs, whose business clock a test moves past WhatsApp's window.</summary>
public sealed class TwilioPollTemplateHub : TwilioHub
{
    public const string IndonesianPollTemplate = "HX0123456789abcdef0123456789abcd11";
    public const string EnglishPollTemplate = "HX0123456789abcdef0123456789abcd12";

    public AdjustableTimeProvider Clock { get; } = new();

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
    [
        .. await base.ExtraArgumentsAsync(),
        $"--WhatsApp:PollTemplate:TwilioContentSids:id={IndonesianPollTemplate}",
        $"--WhatsApp:PollTemplate:TwilioContentSids:en={EnglishPollTemplate}",
    ];

    protected override void ReplaceServices(IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
        services.Replace(ServiceDescriptor.Singleton(new HubClock(Clock)));
    }
}

/// <summary>
/// Twilio WhatsApp: a poll reaches an opted-in citizen whose 24-hour window has closed as the poll template's Content SID
/// with the question as variable 1; "POLLING" brings the poll with numbered options, and "2" is counted.
/// </summary>
public sealed class TwilioWhatsAppPollTemplateTests(TwilioPollTemplateHub hub) : IClassFixture<TwilioPollTemplateHub>
{
    private const string Question = "Setujukah Anda parkir meter di Jl. Tunjungan?";

    [Fact]
    public async Task Outside_the_window_the_invitation_is_the_poll_template_and_polling_brings_the_options_and_the_vote_counts()
    {
        const string phone = "+6281200000131";
        const string whatsApp = "whatsapp:" + phone;
        await hub.FileByWhatsAppAsync(phone, "Jalan berlubang besar di depan SDN 5, sudah sebulan belum ditambal, banyak motor jatuh");
        await hub.DeliveredAsync(whatsApp, "polling kebijakan");
        await hub.SayAsync("whatsapp", WhatsApp(phone, "ya"), "Anda akan menerima polling kebijakan");

        hub.Clock.JumpTo(hub.Clock.GetUtcNow().AddHours(25));
        var before = hub.Api.Sends.Count;
        var pollId = await PollTestPolls.OpenAsync(hub.Services, Question, ["Setuju", "Tidak setuju"], now: hub.Clock.GetUtcNow());

        var template = await hub.SentAsync(whatsApp, send => send.ContentSid == TwilioPollTemplateHub.IndonesianPollTemplate, "the poll template", before);
        Assert.Equal(Question, JsonSerializer.Deserialize<Dictionary<string, string>>(template.ContentVariables)!["1"]);
        Assert.Equal("", template.Body);
        var progress = await PollTestPolls.InvitationsFinishedAsync(hub.Services, pollId);
        Assert.Equal((1, 0), (progress.Invited, progress.Skipped));
        Assert.Single(hub.Api.Sends.Skip(before), send => send.To == whatsApp);

        var listed = await hub.SayAsync("whatsapp", WhatsApp(phone, "POLLING"), Question);
        Assert.Contains("1. Setuju", listed.Body);
        Assert.Contains("2. Tidak setuju", listed.Body);
        var counted = await hub.SayAsync("whatsapp", WhatsApp(phone, "2"), "dicatat");
        Assert.Contains("Hasil saat ini (1 jawaban)", counted.Body);
        Assert.Equal([0, 1], (await PollTestPolls.ResultsAsync(hub.Services, pollId)).ByOption);
    }
}
