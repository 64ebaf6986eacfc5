namespace Lapor.Hub.Tests.Deployment;

/// <summary>Every YAML file under deploy/ parses (a tab or a bad indent fails here first), and each is checked by a test.</summary>
public sealed class DeployFolderTests
{
    [Fact]
    public void Every_yaml_file_parses_and_is_one_the_deployment_tests_read()
    {
        var files = DeployFiles.YamlFiles()
            .Select(path => Path.GetRelativePath(DeployFiles.Folder, path).Replace('\\', '/'))
            .Where(path => path != "kubernetes/secret.yaml")
            .ToArray();

        Assert.Contains("compose/compose.yaml", files);
        foreach (var file in files)
        {
            Assert.NotEmpty(DeployFiles.Documents(DeployFiles.PathOf(file)));
            Assert.True(file == "compose/compose.yaml" || file.StartsWith("kubernetes/", StringComparison.Ordinal),
                $"{file} is read by no test: add it to ComposeStackTests or KubernetesManifestTests");
        }
    }
}
