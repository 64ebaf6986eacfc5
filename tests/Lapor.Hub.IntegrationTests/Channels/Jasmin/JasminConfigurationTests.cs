using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Channels.Jasmin;

public sealed class JasminConfigurationTests
{
    [Fact]
    public async Task A_hub_told_to_use_jasmin_without_its_settings_refuses_to_start_and_names_them()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-jasmin-config");
        var settings = new HubSettings(directory.Path, Extra: ["--Sms:Provider=Jasmin", "--Sms:Jasmin:SendUrl=http://jasmin:1401/send"]);
        await using var app = HubHost.Build(settings.ToArgs());

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Sms:Jasmin:Username", failure.Message);
        Assert.Contains("Sms:Jasmin:InboundSecret", failure.Message);
        Assert.DoesNotContain("Sms:Jasmin:SendUrl", failure.Message);
    }
}
