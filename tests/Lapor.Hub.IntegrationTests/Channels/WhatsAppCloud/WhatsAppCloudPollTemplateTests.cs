using Lapor.Hub.Channels.Polls;
using Lapor.Hub.Tests.Channels.Polls;

namespace Lapor.Hub.Tests.Channels.WhatsAppCloud;

/// <summary>The WhatsApp Cloud hub with an approved poll template (WhatsApp:PollTemplate) besides the notice template.</summary>
public sealed class WhatsAppCloudPollTemplateHub : WhatsAppCloudHub
{
    public const string PollTemplateName = "lapor_polling_baru";

    protected override async Task<IReadOnlyList<string>> ExtraArgumentsAsync() =>
    [
        .. await base.ExtraArgumentsAsync(),
        $"--WhatsApp:PollTemplate:Name={PollTemplateName}",
        "--WhatsApp:PollTemplate:Languages:id=id",
        "--WhatsApp:PollTemplate:Languages:en=en_US",
    ];
}

/// <summary>
/// A poll reaches an opted-in WhatsApp citizen whose 24-hour window has closed as the approved poll template ({{1}} the
/// question in one line, no buttons); "POLLING" reopens the window and brings the poll with its buttons, and the vote counts.
/// Buttons Meta later refuses for the window (131047) go again as the poll template.
/// </summary>
public sealed class WhatsAppCloudPollTemplateTests(WhatsAppCloudPollTemplateHub hub) : IClassFixture<WhatsAppCloudPollTemplateHub>
{
    private const string Question = "Setujukah Anda jam operasional Suroboyo Bus diperpanjang sampai pukul 23.00?";

    [Fact]
    public async Task Outside_the_window_the_invitation_is_the_poll_template_and_polling_brings_the_buttons_and_the_vote_counts()
    {
        const string phone = "6281300000101";
        await WhatsAppCloudPolls.OptInAfterFirstReportAsync(hub, phone);

        hub.Clock.JumpTo(hub.Clock.GetUtcNow() + TimeSpan.FromHours(25));
        var before = hub.Graph.Sends.Count;
        var pollId = await PollTestPolls.OpenAsync(hub.Services, Question, ["Setuju", "Tidak setuju", "Tidak tahu"], now: hub.Clock.GetUtcNow());

        var template = await hub.SentAsync(Question, phone, after: before, type: "template");
        Assert.Equal(WhatsAppCloudPollTemplateHub.PollTemplateName, template.Body["template"]!["name"]!.GetValue<string>());
        Assert.Equal("id", template.Body["template"]!["language"]!["code"]!.GetValue<string>());
        var parameter = Assert.Single(template.Body["template"]!["components"]![0]!["parameters"]!.AsArray());
        Assert.Equal(Question, parameter!["text"]!.GetValue<string>());
        var progress = await PollTestPolls.InvitationsFinishedAsync(hub.Services, pollId);
        Assert.True(progress is { Invited: >= 1, Skipped: 0 }, $"{progress}");
        Assert.DoesNotContain(hub.Graph.Sends.Skip(before), send => send.To == phone && send.Type != "template");

        // The citizen answers the template: the window is open again and the poll comes with its reply buttons.
        var listed = await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "POLLING", hub.Clock.GetUtcNow()), Question, phone);
        Assert.Equal("interactive", listed.Type);
        Assert.Equal([$"poll:{pollId}:1", $"poll:{pollId}:2", $"poll:{pollId}:3"], listed.ChoiceIds);

        var counted = await hub.SayAsync(CloudWebhooks.ButtonReply(hub.NextWamid(), phone, $"poll:{pollId}:2", "Tidak setuju", hub.Clock.GetUtcNow()),
            "dicatat", phone);
        Assert.Contains("Hasil saat ini (1 jawaban)", counted.Text);
        var results = await PollTestPolls.ResultsAsync(hub.Services, pollId);
        Assert.Equal([0, 1, 0], results.ByOption);
        Assert.Equal([0, 1, 0], results.ByChannel["whatsapp"]);
    }

    [Fact]
    public async Task Buttons_meta_took_and_later_failed_with_131047_are_sent_again_as_the_poll_template()
    {
        const string phone = "6281300000103";
        await WhatsAppCloudPolls.OptInAfterFirstReportAsync(hub, phone);
        var before = hub.Graph.Sends.Count;
        var pollId = await PollTestPolls.OpenAsync(hub.Services, "Perlukah taman kota buka 24 jam?", ["Perlu", "Tidak perlu"], now: hub.Clock.GetUtcNow());
        var buttons = await hub.SentAsync("taman kota buka 24 jam", phone, after: before, type: "interactive");
        Assert.Equal([$"poll:{pollId}:1", $"poll:{pollId}:2"], buttons.ChoiceIds);

        // Meta took the buttons, then found the window closed: it says so in a status webhook, which it may deliver twice.
        var failed = CloudWebhooks.Status(buttons.MessageId!, phone, "failed", hub.Clock.GetUtcNow(), errorCode: 131047);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.PostAsync(failed)).StatusCode);
        var template = await hub.SentAsync("taman kota buka 24 jam", phone, after: before, type: "template");
        Assert.Equal(WhatsAppCloudPollTemplateHub.PollTemplateName, template.Body["template"]!["name"]!.GetValue<string>());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await hub.PostAsync(failed)).StatusCode);

        // One outbox per citizen sends in order: once this answer arrives, a second template queued by the redelivery would have gone first.
        await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "polling", hub.Clock.GetUtcNow()), "taman kota buka 24 jam", phone);
        Assert.Single(hub.Graph.Sends.Skip(before), send => send.To == phone && send.Type == "template");
    }
}

/// <summary>
/// Without a poll template configured, an opted-in WhatsApp citizen whose window has closed is not invited (nothing may be
/// sent then) and the job counts the chat as skipped; the poll is still there for the asking.
/// </summary>
public sealed class WhatsAppCloudPollWithoutTemplateTests(WhatsAppCloudHub hub) : IClassFixture<WhatsAppCloudHub>
{
    [Fact]
    public async Task Outside_the_window_without_a_poll_template_the_invitation_is_skipped_and_counted_as_skipped()
    {
        const string phone = "6281300000102";
        await WhatsAppCloudPolls.OptInAfterFirstReportAsync(hub, phone);

        hub.Clock.JumpTo(hub.Clock.GetUtcNow() + TimeSpan.FromHours(25));
        var before = hub.Graph.Sends.Count;
        var pollId = await PollTestPolls.OpenAsync(hub.Services, "Perlukah jalur sepeda di Jl. Darmo?", ["Perlu", "Tidak perlu"], now: hub.Clock.GetUtcNow());

        var progress = await PollTestPolls.InvitationsFinishedAsync(hub.Services, pollId);
        Assert.Equal((0, 1), (progress.Invited, progress.Skipped));
        Assert.DoesNotContain(hub.Graph.Sends.Skip(before), send => send.To == phone);

        var listed = await hub.SayAsync(CloudWebhooks.Text(hub.NextWamid(), phone, "polling", hub.Clock.GetUtcNow()), "jalur sepeda", phone);
        Assert.Equal([$"poll:{pollId}:1", $"poll:{pollId}:2"], listed.ChoiceIds);
    }
}

public static class WhatsAppCloudPolls
{
    /// <summary>Files a first report by chatting and taps "yes" to the policy-poll question that follows it.</summary>
    public static async Task OptInAfterFirstReportAsync(WhatsAppCloudHub hub, string phone)
    {
        await hub.FileReportAsync(phone, "Pohon tumbang menutup separuh jalan di depan kantor kelurahan sejak kemarin sore");
        await hub.SayAsync(CloudWebhooks.ButtonReply(hub.NextWamid(), phone, PollChoices.OptInYes, "Ya", hub.Clock.GetUtcNow()),
            "Anda akan menerima polling kebijakan", phone);
    }
}
