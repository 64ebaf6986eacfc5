using System.Text.RegularExpressions;
using System.Xml.Linq;
using Lapor.Hub.Silo.Hosting;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>deploy/Dockerfile: restores every project the hub needs, publishes src/Silo, runs as a non-root user.</summary>
public sealed partial class DockerfileTests
{
    private static readonly string Dockerfile = DeployFiles.Text("Dockerfile");

    [Fact]
    public void The_restore_layer_copies_every_project_the_silo_references()
    {
        var copied = CopiedProject().Matches(Dockerfile).Select(match => match.Groups["path"].Value).ToHashSet();
        Assert.Equal(ProjectClosure("src/Silo/Lapor.Hub.Silo.csproj").Order(), copied.Order());
        Assert.Contains("COPY Directory.Build.props Directory.Packages.props ./", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void The_image_publishes_the_silo_and_runs_it_as_a_non_root_user()
    {
        Assert.Contains("dotnet publish src/Silo/Lapor.Hub.Silo.csproj", Dockerfile, StringComparison.Ordinal);
        var user = Assert.Single(UserLine().Matches(Dockerfile)).Groups["user"].Value;
        Assert.DoesNotContain(user, new[] { "root", "0" });
        var assembly = typeof(HubHost).Assembly.GetName().Name + ".dll";
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"/opt/lapor-hub/{assembly}\"]", Dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"HEALTHCHECK .*http://127\.0\.0\.1:8080/healthz", Dockerfile);
    }

    private static HashSet<string> ProjectClosure(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Path.Combine(DeployFiles.RepositoryRoot, next)).Descendants("ProjectReference"))
            {
                var path = Path.GetRelativePath(DeployFiles.RepositoryRoot,
                    Path.GetFullPath(Path.Combine(DeployFiles.RepositoryRoot, folder, (string)reference.Attribute("Include")!)));
                pending.Push(path.Replace('\\', '/'));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(?m)^COPY (?<path>src/\S+\.csproj) ")]
    private static partial Regex CopiedProject();

    [GeneratedRegex(@"(?m)^USER (?<user>\S+)$")]
    private static partial Regex UserLine();
}
