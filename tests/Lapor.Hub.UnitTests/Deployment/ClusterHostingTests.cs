using System.Net;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Storage;
using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>Orleans' Kubernetes hosting only where it belongs: in a pod with PostgreSQL, or when asked for.</summary>
public sealed class ClusterHostingTests
{
    private static readonly HubStorageOptions Postgres = new() { Provider = HubStorageProvider.PostgreSql, ConnectionString = "Host=db" };
    private static readonly HubStorageOptions Sqlite = new();

    private static readonly Func<string, string?> InPod = name => name switch
    {
        ClusterHosting.KubernetesServiceHostVariable => "10.96.0.1",
        ClusterHosting.PodIpVariable => "10.42.1.7",
        _ => null,
    };

    private static readonly Func<string, string?> OnAMachine = _ => null;

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Fact]
    public void Off_on_a_machine_and_for_sqlite_in_a_pod_on_for_postgres_in_a_pod()
    {
        Assert.False(ClusterHosting.UsesKubernetes(Settings(), Sqlite, OnAMachine));
        Assert.False(ClusterHosting.UsesKubernetes(Settings(), Postgres, OnAMachine));
        Assert.False(ClusterHosting.UsesKubernetes(Settings(), Sqlite, InPod));
        Assert.True(ClusterHosting.UsesKubernetes(Settings(), Postgres, InPod));
    }

    [Fact]
    public void The_setting_decides_when_given_and_refuses_kubernetes_with_sqlite()
    {
        Assert.False(ClusterHosting.UsesKubernetes(Settings(("Silo:Kubernetes", "false")), Postgres, InPod));
        Assert.True(ClusterHosting.UsesKubernetes(Settings(("Silo:Kubernetes", "true")), Postgres, OnAMachine));
        var refused = Assert.Throws<HubStorageConfigurationException>(() =>
            ClusterHosting.UsesKubernetes(Settings(("Silo:Kubernetes", "true")), Sqlite, OnAMachine));
        Assert.Contains("Storage:Provider=PostgreSql", refused.Message, StringComparison.Ordinal);
        Assert.Throws<HubStorageConfigurationException>(() =>
            ClusterHosting.UsesKubernetes(Settings(("Silo:Kubernetes", "yes")), Postgres, OnAMachine));
    }

    [Fact]
    public void The_advertised_address_is_the_setting_else_the_pod_ip_under_kubernetes_else_left_to_orleans()
    {
        Assert.Equal(IPAddress.Parse("172.28.0.11"),
            ClusterHosting.AdvertisedAddress(Settings(("Silo:AdvertisedIPAddress", "172.28.0.11")), kubernetes: true, InPod));
        Assert.Equal(IPAddress.Parse("10.42.1.7"), ClusterHosting.AdvertisedAddress(Settings(), kubernetes: true, InPod));
        Assert.Null(ClusterHosting.AdvertisedAddress(Settings(), kubernetes: false, InPod));
        Assert.Null(ClusterHosting.AdvertisedAddress(Settings(), kubernetes: true, OnAMachine));
        Assert.Throws<HubStorageConfigurationException>(() =>
            ClusterHosting.AdvertisedAddress(Settings(("Silo:AdvertisedIPAddress", "hub-1")), kubernetes: false, OnAMachine));
    }
}
