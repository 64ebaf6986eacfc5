using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Channels.Twilio;

/// <summary>A hub told to use Twilio without what Twilio needs does not start, and says which settings are wrong.</summary>
public sealed class TwilioStartupTests
{
    [Fact]
    public async Task A_hub_with_twilio_turned_on_but_no_credentials_refuses_to_start_and_names_the_settings()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-twilio-settings");
        var settings = new HubSettings(directory.Path, Extra:
        [
            "--WhatsApp:Provider=Twilio",
            "--Twilio:PublicBaseUrl=lapor.example.go.id",
        ]);
        await using var app = HubHost.Build(settings.ToArgs(), _ => { }, []);

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(refused.Failures, failure => failure.Contains("Twilio:AccountSid", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, failure => failure.Contains("Twilio:AuthToken", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, failure => failure.Contains("Twilio:PublicBaseUrl", StringComparison.Ordinal));
        Assert.Contains(refused.Failures, failure => failure.Contains("Twilio:WhatsAppFrom", StringComparison.Ordinal));
        Assert.DoesNotContain(refused.Failures, failure => failure.Contains("Twilio:SmsFrom", StringComparison.Ordinal));
    }
}
