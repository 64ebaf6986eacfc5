using System.Net;
using System.Net.Sockets;
using Lapor.Hub.Tests.Hosting;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Durability;

/// <summary>What the operator reads when the hub starts: the real executable, its console output at Information.</summary>
public sealed class StartupMessageTests
{
    private static readonly string[] InformationLogging = ["--Logging:LogLevel:Default=Information"];

    [Fact]
    public async Task A_fresh_hub_says_where_citizens_and_staff_go_without_burying_it_under_training_steps()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-banner");
        var settings = new HubSettings(directory.Path, Extra: InformationLogging);
        await using var hub = await HubProcess.StartAsync(settings);

        var output = await OutputContainingAsync(hub, "Citizens:");

        Assert.Contains($"Citizens: {settings.BaseAddress.ToString().TrimEnd('/')}/ ", output);
        Assert.Contains($"staff console: {settings.BaseAddress.ToString().TrimEnd('/')}/masuk", output);
        // A fresh hub trains its first routing model; its steps are detail, not start-up news.
        Assert.Contains("No usable routing model yet", output);
        Assert.DoesNotContain("Routing training:", output);
    }

    [Fact]
    public async Task A_hub_whose_gateway_port_is_taken_says_so_and_names_the_setting()
    {
        using var directory = TestDatabases.CreateDirectory("lapor-port");
        var settings = new HubSettings(directory.Path, Extra: InformationLogging);
        using var squatter = new TcpListener(IPAddress.Any, settings.GatewayPort);
        squatter.Start();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(settings));

        Assert.Contains($"The Orleans gateway port {settings.GatewayPort} is already in use", failure.Message);
        Assert.Contains("--Silo:GatewayPort", failure.Message);
        Assert.Contains("exited with code 1", failure.Message);
    }

    private static async Task<string> OutputContainingAsync(HubProcess hub, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!hub.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The hub never wrote '{text}':\n{hub.Output}");
            await Task.Delay(100);
        }

        return hub.Output;
    }
}
