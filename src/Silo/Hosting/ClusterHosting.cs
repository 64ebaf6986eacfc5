using System.Net;
using Lapor.Hub.Storage;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>
/// Where this silo runs and what it tells the other silos about itself. Locally nothing changes: one silo, SQLite or
/// PostgreSQL, advertising this host's address. In Kubernetes the silo takes its name, address and cluster identity
/// from the pod (Orleans' Kubernetes hosting reads <c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c>,
/// <c>ORLEANS_CLUSTER_ID</c> and <c>ORLEANS_SERVICE_ID</c>) and removes silos whose pods are gone.
/// </summary>
public static class ClusterHosting
{
    /// <summary>Set in every pod by Kubernetes itself, so a hub in a pod needs no setting to know it.</summary>
    public const string KubernetesServiceHostVariable = "KUBERNETES_SERVICE_HOST";

    /// <summary>The pod's IP, given to the container through the downward API (<c>status.podIP</c>).</summary>
    public const string PodIpVariable = "POD_IP";

    /// <summary>
    /// <c>Silo:Kubernetes</c> decides when given; otherwise Kubernetes hosting is on inside a pod with PostgreSQL
    /// (a cluster needs shared membership; a one-pod SQLite hub keeps the local default).
    /// </summary>
    /// <exception cref="HubStorageConfigurationException"><c>Silo:Kubernetes=true</c> with SQLite.</exception>
    public static bool UsesKubernetes(IConfiguration configuration, HubStorageOptions storage, Func<string, string?> environment)
    {
        var setting = configuration["Silo:Kubernetes"];
        var inPod = !string.IsNullOrWhiteSpace(environment(KubernetesServiceHostVariable));
        bool wanted;
        if (string.IsNullOrWhiteSpace(setting))
        {
            wanted = inPod && storage.Provider == HubStorageProvider.PostgreSql;
        }
        else if (!bool.TryParse(setting, out wanted))
        {
            throw new HubStorageConfigurationException($"Silo:Kubernetes '{setting}' must be true or false.");
        }

        if (wanted && storage.Provider != HubStorageProvider.PostgreSql)
        {
            throw new HubStorageConfigurationException(
                "Silo:Kubernetes=true needs Storage:Provider=PostgreSql: the silos of a cluster share their membership table there.");
        }

        return wanted;
    }

    /// <summary>
    /// The address other silos reach this one at: <c>Silo:AdvertisedIPAddress</c> if set (a compose file pins it),
    /// else the pod's IP under Kubernetes, else null (Orleans picks this host's address).
    /// </summary>
    public static IPAddress? AdvertisedAddress(IConfiguration configuration, bool kubernetes, Func<string, string?> environment)
    {
        var configured = configuration["Silo:AdvertisedIPAddress"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return IPAddress.TryParse(configured, out var address)
                ? address
                : throw new HubStorageConfigurationException($"Silo:AdvertisedIPAddress '{configured}' is not an IP address.");
        }

        var podIp = kubernetes ? environment(PodIpVariable) : null;
        return string.IsNullOrWhiteSpace(podIp) ? null : IPAddress.Parse(podIp);
    }
}
