using System.Net;
using Lapor.Hub.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>The proxies the hub trusts for X-Forwarded-Proto/For: fixed addresses (compose) or networks (a Kubernetes ingress).</summary>
public sealed class ForwardedHeadersSettingsTests
{
    [Fact]
    public void Known_proxies_and_known_networks_come_from_the_settings_the_deploy_files_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "172.28.0.10",
            ["ForwardedHeaders:KnownNetworks:0"] = "10.42.0.0/16",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddHubConsole(configuration).BuildServiceProvider();

        var options = services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.Contains(IPAddress.Parse("172.28.0.10"), options.KnownProxies);
        Assert.Contains(IPNetwork.Parse("10.42.0.0/16"), options.KnownIPNetworks);
        Assert.DoesNotContain(options.KnownIPNetworks, network => network.Contains(IPAddress.Parse("172.28.0.11")));
    }
}
