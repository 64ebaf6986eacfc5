using System.Net;
using System.Text.RegularExpressions;
using Lapor.Hub.Silo.Hosting;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>deploy/compose: PostgreSQL, two hub nodes that form one cluster, and the TLS proxy in front of both.</summary>
public sealed partial class ComposeStackTests
{
    private static readonly object Compose = DeployFiles.Documents(DeployFiles.PathOf("compose/compose.yaml")).Single();

    private static IReadOnlyDictionary<string, object?> Services => Compose.Entries("services");

    /// <summary>The services built from the hub's Dockerfile.</summary>
    private static IReadOnlyList<KeyValuePair<string, object?>> HubNodes =>
        [.. Services.Where(service => service.Value.Text("build", "dockerfile") == "deploy/Dockerfile")];

    [Fact]
    public void The_stack_has_postgres_two_hub_nodes_and_a_proxy_each_with_a_health_check()
    {
        Assert.Equal(["hub-1", "hub-2"], HubNodes.Select(node => node.Key).Order());
        foreach (var name in new[] { "postgres", "hub-1", "hub-2", "proxy" })
        {
            Assert.True(Services.ContainsKey(name), $"service {name}");
            Assert.NotEmpty(Services[name].Items("healthcheck", "test"));
        }

        foreach (var (name, node) in HubNodes)
        {
            var probe = string.Join(' ', node.Items("healthcheck", "test"));
            Assert.Contains($"http://127.0.0.1:{HubPort(node)}/readyz", probe, StringComparison.Ordinal);
            Assert.Equal("service_healthy", node.Text("depends_on", "postgres", "condition"));
        }
    }

    [Fact]
    public void The_proxy_balances_both_nodes_on_their_http_port_checks_readyz_and_writes_the_forwarded_headers()
    {
        var proxy = Services["proxy"];
        Assert.Contains("./Caddyfile:/etc/caddy/Caddyfile:ro", proxy.Items("volumes").Cast<string>());
        var caddyfile = DeployFiles.Text("compose/Caddyfile");
        var upstreams = ReverseProxyLine().Match(caddyfile).Groups["upstreams"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HubNodes.Select(node => $"{node.Key}:{HubPort(node.Value)}").Order(), upstreams.Order());
        Assert.Matches(@"(?m)^\s*health_uri /readyz$", caddyfile);
        Assert.Matches(@"(?m)^\s*header_up X-Forwarded-Proto \{scheme\}$", caddyfile);
        Assert.Matches(@"(?m)^\s*header_up X-Forwarded-For \{remote_host\}$", caddyfile);
        Assert.Contains("443:443", proxy.Items("ports").Cast<string>());
    }

    [Fact]
    public void Every_node_trusts_the_proxy_advertises_its_own_address_and_joins_the_same_cluster_on_postgres()
    {
        var addressing = Compose.Items("networks", "hub", "ipam", "config").Single();
        var subnet = IPNetwork.Parse(addressing.Text("subnet")!);
        var dynamicRange = IPNetwork.Parse(addressing.Text("ip_range")!);
        var proxyAddress = Address(Services["proxy"]);
        Assert.True(subnet.Contains(proxyAddress));
        foreach (var (name, service) in Services.Where(service => service.Value.At("networks") is IDictionary<object, object?>))
        {
            Assert.False(dynamicRange.Contains(Address(service)), $"{name}'s fixed address is in the range `docker compose run` draws from");
        }

        var clusters = new HashSet<string>();
        foreach (var (name, node) in HubNodes)
        {
            var environment = node.Entries("environment");
            Assert.Equal(proxyAddress.ToString(), environment["ForwardedHeaders__KnownProxies__0"]);
            Assert.Equal(Address(node).ToString(), environment["Silo__AdvertisedIPAddress"]);
            Assert.True(subnet.Contains(Address(node)), name);
            Assert.Equal("PostgreSql", environment["Storage__Provider"]);
            Assert.StartsWith("Host=postgres;", (string)environment["Storage__ConnectionString"]!, StringComparison.Ordinal);
            clusters.Add($"{environment["Silo__Cluster__ServiceId"]}/{environment["Silo__Cluster__ClusterId"]}");
        }

        Assert.Single(clusters);
    }

    [Fact]
    public void Sign_in_keys_and_media_live_on_a_volume_every_node_mounts()
    {
        foreach (var key in new[] { "DataProtection__KeysDirectory", "Media__Directory" })
        {
            var mounts = HubNodes.Select(node =>
            {
                var folder = (string)node.Value.Entries("environment")[key]!;
                return node.Value.Items("volumes").Cast<string>()
                    .Select(volume => volume.Split(':'))
                    .Single(volume => folder.StartsWith(volume[1] + "/", StringComparison.Ordinal))[0];
            }).Distinct().ToArray();

            Assert.Single(mounts);
            Assert.True(Compose.Entries("volumes").ContainsKey(mounts[0]), mounts[0]);
        }
    }

    [Fact]
    public void The_schema_tool_applies_the_schema_with_the_hub_image_to_the_hub_database()
    {
        var schema = Services["schema"];
        Assert.Equal([SchemaCommandLine.Command, "apply"], schema.Items("command").Cast<string>());
        Assert.Equal(["tools"], schema.Items("profiles").Cast<string>());
        foreach (var (_, node) in HubNodes)
        {
            Assert.Equal(node.Text("image"), schema.Text("image"));
            Assert.StartsWith((string)schema.Entries("environment")["Storage__ConnectionString"]!,
                (string)node.Entries("environment")["Storage__ConnectionString"]!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_variable_the_compose_file_reads_is_in_the_env_example_and_secrets_come_from_an_env_file()
    {
        var example = EnvFile(DeployFiles.Text("compose/.env.example"));
        var used = ComposeVariable().Matches(DeployFiles.Text("compose/compose.yaml")).Select(match => match.Groups["name"].Value).ToHashSet();

        Assert.Contains("POSTGRES_PASSWORD", used);
        Assert.Empty(used.Except(example));
        foreach (var (_, node) in HubNodes)
        {
            var envFile = Assert.Single(node.Items("env_file").Cast<string>());
            Assert.True(File.Exists(DeployFiles.PathOf($"compose/{envFile}.example")), $"{envFile}.example");
        }
    }

    private static int HubPort(object? node) =>
        new Uri(((string)node.Entries("environment")["Urls"]!).Replace("+", "localhost", StringComparison.Ordinal)).Port;

    private static IPAddress Address(object? service) =>
        IPAddress.Parse(service.Entries("networks").Single().Value.Text("ipv4_address")!);

    private static HashSet<string> EnvFile(string text) =>
        [.. text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).Select(line => line.Split('=')[0])];

    [GeneratedRegex(@"(?m)^\s*reverse_proxy (?<upstreams>[^{\n]+)\{")]
    private static partial Regex ReverseProxyLine();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)")]
    private static partial Regex ComposeVariable();
}
