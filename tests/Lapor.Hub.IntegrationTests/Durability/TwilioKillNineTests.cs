using Lapor.Hub.Tests.Channels.Twilio;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Durability;

/// <summary>
/// The real executable with SMS and WhatsApp carried by Twilio (the real Twilio client against a local fake API), killed
/// with SIGKILL while Twilio answers 503: the messages waiting in the outboxes arrive exactly once after the restart.
/// </summary>
public sealed class TwilioKillNineTests
{
    [Fact]
    public async Task Sms_and_whatsapp_messages_pending_at_kill_minus_nine_arrive_exactly_once_after_the_restart()
    {
        const string smsPhone = "+6281200000031";
        const string whatsAppPhone = "+6281200000032";
        const string whatsApp = "whatsapp:" + whatsAppPhone;
        using var directory = TestDatabases.CreateDirectory("lapor-twilio-kill9");
        await using var api = await FakeTwilioApi.StartAsync();
        var settings = new HubSettings(directory.Path, Extra:
        [
            .. TwilioHub.Arguments(api),
            "--Outbox:FirstRetryDelay=00:00:00.500",
            "--Outbox:MaxRetryDelay=00:00:01",
            "--Outbox:WakeUpPeriod=00:00:02",
            "--Silo:Reminders:MinimumReminderPeriod=00:00:01",
            "--Routing:RetrainInterval=00:00:00",
        ]);
        api.FailNextSends(10_000);

        await using (var hub = await HubProcess.StartAsync(settings))
        {
            using var webhooks = new TwilioWebhookPoster(settings.BaseAddress, TwilioHub.PublicBaseUrl, FakeTwilioApi.AuthToken);
            (await webhooks.PostAsync("/channels/sms/twilio", TwilioMessages.Sms(smsPhone,
                "Selokan mampet di Jl. Kenjeran 100, Surabaya, air meluap ke rumah warga setiap hujan deras"))).EnsureSuccessStatusCode();
            (await webhooks.PostAsync("/channels/whatsapp/twilio", TwilioMessages.WhatsApp(whatsAppPhone,
                "Lampu lalu lintas di perempatan pasar mati sejak kemarin, sering hampir terjadi tabrakan"))).EnsureSuccessStatusCode();
            await WaitForAsync(() => api.SendsTo(smsPhone).Any(s => !s.Succeeded) && api.SendsTo(whatsApp).Any(s => !s.Succeeded), hub.Output);
            await hub.KillHardAsync();
        }

        Assert.DoesNotContain(api.Sends, send => send.Succeeded);
        api.Recover();
        await using var restarted = await HubProcess.StartAsync(settings);

        await WaitForAsync(() => api.SendsTo(smsPhone).Any(s => s.Succeeded) && api.SendsTo(whatsApp).Any(s => s.Succeeded), restarted.Output);
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second delivery, if there were one, would come within the retry delays
        var smsDelivered = api.SendsTo(smsPhone).Where(s => s.Succeeded).Select(s => s.Body).ToArray();
        Assert.Equal(smsDelivered.Distinct().Count(), smsDelivered.Length);
        Assert.Contains("Di mana", Assert.Single(api.SendsTo(whatsApp), s => s.Succeeded).Body);
    }

    private static async Task WaitForAsync(Func<bool> condition, string hubOutput)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out. Hub output:\n{hubOutput}");
            await Task.Delay(100);
        }
    }
}
