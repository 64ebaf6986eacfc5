using Lapor.Hub.Silo.Hosting;
using Orleans.Hosting.Kubernetes;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>deploy/kubernetes: what `kubectl apply` would accept and what the hub and Orleans need from it.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = DeployFiles.PathOf("kubernetes");

    private static readonly IReadOnlyList<(string File, object Manifest)> Manifests =
    [
        // secret.yaml is an operator's filled-in (git-ignored) copy of secret.example.yaml.
        .. Directory.EnumerateFiles(Folder, "*.yaml").Where(path => Path.GetFileName(path) != "secret.yaml").Order(StringComparer.Ordinal)
            .SelectMany(path => DeployFiles.Documents(path).Select(manifest => (Path.GetFileName(path), manifest))),
    ];

    private static object Single(string kind) => Assert.Single(Manifests, manifest => manifest.Manifest.Text("kind") == kind).Manifest;

    private static object Deployment => Single("Deployment");

    private static object HubContainer => Assert.Single(Deployment.Items("spec", "template", "spec", "containers"))!;

    [Fact]
    public void Every_object_has_an_api_version_a_kind_and_a_name()
    {
        Assert.True(Manifests.Count >= 10, $"{Manifests.Count} objects");
        foreach (var (file, manifest) in Manifests)
        {
            Assert.False(string.IsNullOrWhiteSpace(manifest.Text("apiVersion")), file);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Text("kind")), file);
            Assert.False(string.IsNullOrWhiteSpace(manifest.Text("metadata", "name")), file);
        }
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_except_the_secret_example_and_the_schema_job()
    {
        var listed = Single("Kustomization").Items("resources").Cast<string>().Order().ToArray();
        var expected = Manifests.Select(manifest => manifest.File).Distinct()
            .Where(file => file is not ("kustomization.yaml" or "secret.example.yaml" or "schema-apply-job.yaml"))
            .Order();

        Assert.Equal(expected, listed);
    }

    [Fact]
    public void The_deployment_runs_at_least_two_pods_with_probes_on_healthz_and_readyz_at_the_http_port()
    {
        Assert.True(int.Parse(Deployment.Text("spec", "replicas")!, System.Globalization.CultureInfo.InvariantCulture) >= 2);
        var container = HubContainer;
        var httpPort = container.Items("ports").Single(port => port.Text("name") == "http").Text("containerPort");
        Assert.Equal($"http://+:{httpPort}", EnvironmentValue(container, "Urls"));

        Assert.Equal("/healthz", container.Text("livenessProbe", "httpGet", "path"));
        Assert.Equal("/readyz", container.Text("readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz", container.Text("startupProbe", "httpGet", "path"));
        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            Assert.Contains(container.Text(probe, "httpGet", "port"), new[] { "http", httpPort });
        }

        Assert.NotEmpty(container.Entries("resources", "requests"));
        Assert.NotEmpty(container.Entries("resources", "limits"));
    }

    [Fact]
    public void Every_secret_reference_names_a_key_the_example_secret_defines()
    {
        var secret = Single("Secret");
        var keys = secret.Entries("stringData").Keys.ToHashSet();
        var references = Manifests
            .Where(manifest => manifest.Manifest.Text("kind") is "Deployment" or "Job")
            .SelectMany(manifest => manifest.Manifest.Items("spec", "template", "spec", "containers"))
            .SelectMany(container => container.Items("env"))
            .Select(variable => variable.At("valueFrom", "secretKeyRef"))
            .Where(reference => reference is not null)
            .ToArray();

        Assert.True(references.Length >= 3);
        foreach (var reference in references)
        {
            Assert.Equal(secret.Text("metadata", "name"), reference.Text("name"));
            Assert.Contains(reference.Text("key")!, keys);
        }

        Assert.Contains("secretKeyRef", EnvironmentSource(HubContainer, "Storage__ConnectionString"));
        Assert.Contains("secretKeyRef", EnvironmentSource(HubContainer, "Api__OperatorKey"));
    }

    [Fact]
    public void The_pod_sets_what_orleans_kubernetes_hosting_reads_from_the_downward_api()
    {
        var container = HubContainer;
        var labels = Deployment.Labels("spec", "template", "metadata", "labels");
        Assert.Equal("metadata.name", FieldPath(container, KubernetesHostingOptions.PodNameEnvironmentVariable));
        Assert.Equal("metadata.namespace", FieldPath(container, KubernetesHostingOptions.PodNamespaceEnvironmentVariable));
        Assert.Equal("status.podIP", FieldPath(container, KubernetesHostingOptions.PodIPEnvironmentVariable));
        Assert.Equal(ClusterHosting.PodIpVariable, KubernetesHostingOptions.PodIPEnvironmentVariable);
        foreach (var (variable, label) in new[]
        {
            (KubernetesHostingOptions.ServiceIdEnvironmentVariable, KubernetesHostingOptions.ServiceIdLabel),
            (KubernetesHostingOptions.ClusterIdEnvironmentVariable, KubernetesHostingOptions.ClusterIdLabel),
        })
        {
            Assert.Equal($"metadata.labels['{label}']", FieldPath(container, variable));
            Assert.False(string.IsNullOrWhiteSpace(labels.GetValueOrDefault(label)), label);
        }

        // Kubernetes hosting turns on by itself in a pod only with PostgreSQL (see ClusterHosting).
        Assert.Equal("PostgreSql", EnvironmentValue(container, "Storage__Provider"));
    }

    [Fact]
    public void The_deployment_service_and_disruption_budget_select_the_same_pods()
    {
        var podLabels = Deployment.Labels("spec", "template", "metadata", "labels");
        Assert.True(Deployment.Labels("spec", "selector", "matchLabels").Selects(podLabels));
        Assert.True(Single("PodDisruptionBudget").Labels("spec", "selector", "matchLabels").Selects(podLabels));
        Assert.True(Single("Service").Labels("spec", "selector").Selects(podLabels));
        Assert.Equal("1", Single("PodDisruptionBudget").Text("spec", "minAvailable"));
        Assert.Equal("http", Assert.Single(Single("Service").Items("spec", "ports")).Text("targetPort"));
    }

    [Fact]
    public void The_pods_service_account_may_read_label_watch_and_delete_pods()
    {
        var account = Single("ServiceAccount").Text("metadata", "name");
        Assert.Equal(account, Deployment.Text("spec", "template", "spec", "serviceAccountName"));

        var role = Single("Role");
        var rule = Assert.Single(role.Items("rules"));
        Assert.Equal([""], rule.Items("apiGroups").Cast<string>());
        Assert.Equal(["pods"], rule.Items("resources").Cast<string>());
        Assert.Superset(new HashSet<string> { "get", "list", "watch", "patch", "delete" }, rule.Items("verbs").Cast<string>().ToHashSet());

        var binding = Single("RoleBinding");
        Assert.Equal(role.Text("metadata", "name"), binding.Text("roleRef", "name"));
        Assert.Equal("Role", binding.Text("roleRef", "kind"));
        var subject = Assert.Single(binding.Items("subjects"));
        Assert.Equal(("ServiceAccount", account), (subject.Text("kind"), subject.Text("name")));
    }

    [Fact]
    public void The_schema_job_runs_schema_apply_on_the_deployments_database()
    {
        var container = Assert.Single(Single("Job").Items("spec", "template", "spec", "containers"));
        Assert.Equal([SchemaCommandLine.Command, "apply"], container.Items("args").Cast<string>());
        Assert.Equal(HubContainer.Text("image"), container.Text("image"));
        Assert.Equal(EnvironmentSource(HubContainer, "Storage__ConnectionString"), EnvironmentSource(container, "Storage__ConnectionString"));
    }

    private static object? Variable(object? container, string name) =>
        Assert.Single(container.Items("env"), variable => variable.Text("name") == name);

    private static string? EnvironmentValue(object? container, string name) => Variable(container, name).Text("value");

    private static string EnvironmentSource(object? container, string name) =>
        string.Join(",", Variable(container, name).Entries("valueFrom").Select(source =>
            $"{source.Key}:{string.Join(",", source.Value.Entries().Select(entry => $"{entry.Key}={entry.Value}"))}"));

    private static string? FieldPath(object? container, string name) => Variable(container, name).Text("valueFrom", "fieldRef", "fieldPath");
}
