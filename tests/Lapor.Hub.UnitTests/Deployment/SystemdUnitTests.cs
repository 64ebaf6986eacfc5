using Lapor.Hub.Silo.Hosting;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>deploy/systemd/lapor-hub.service: one hardened hub on one machine.</summary>
public sealed class SystemdUnitTests
{
    private static readonly IReadOnlyDictionary<string, ILookup<string, string>> Unit = Parse(DeployFiles.Text("systemd/lapor-hub.service"));

    private static string Single(string section, string key) => Assert.Single(Unit[section][key]);

    [Fact]
    public void The_unit_has_its_three_sections_and_starts_after_the_network()
    {
        Assert.Equal(["Install", "Service", "Unit"], Unit.Keys.Order());
        Assert.Contains("network-online.target", Single("Unit", "After").Split(' '));
        Assert.Equal("multi-user.target", Single("Install", "WantedBy"));
    }

    [Fact]
    public void ExecStart_runs_the_published_hub_from_the_install_folder()
    {
        var command = Single("Service", "ExecStart").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var assembly = typeof(HubHost).Assembly.GetName().Name + ".dll";

        Assert.Equal(2, command.Length);
        Assert.True(Path.IsPathRooted(command[0]), "systemd needs an absolute path");
        Assert.Equal("dotnet", Path.GetFileName(command[0]));
        Assert.Equal($"/opt/lapor-hub/{assembly}", command[1]);
    }

    [Fact]
    public void The_service_runs_as_its_own_user_restarts_on_failure_and_reads_secrets_from_an_environment_file()
    {
        Assert.DoesNotContain(Single("Service", "User"), new[] { "root", "0" });
        Assert.Equal("on-failure", Single("Service", "Restart"));
        Assert.Equal("/etc/lapor-hub/lapor-hub.env", Single("Service", "EnvironmentFile").TrimStart('-'));
        Assert.True(File.Exists(DeployFiles.PathOf("systemd/lapor-hub.env.example")));
    }

    [Fact]
    public void The_file_system_is_read_only_except_the_data_directory_the_hub_is_told_to_use()
    {
        Assert.Equal("strict", Single("Service", "ProtectSystem"));
        Assert.Equal("true", Single("Service", "NoNewPrivileges"));
        Assert.Equal("true", Single("Service", "PrivateTmp"));

        var dataDirectory = Single("Service", "WorkingDirectory");
        Assert.Contains(dataDirectory, Single("Service", "ReadWritePaths").Split(' '));
        Assert.Contains($"Storage__DataDirectory={dataDirectory}", Unit["Service"]["Environment"]);
        Assert.Equal($"/var/lib/{Single("Service", "StateDirectory")}", dataDirectory);
    }

    /// <summary>systemd's INI dialect: [Section], Key=Value, repeated keys kept in order, '#' and ';' comments.</summary>
    private static IReadOnlyDictionary<string, ILookup<string, string>> Parse(string text)
    {
        var entries = new List<(string Section, string Key, string Value)>();
        string? section = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line is ['[', .., ']'])
            {
                section = line[1..^1];
                continue;
            }

            var separator = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(section is not null && separator > 0, $"not a key=value line in a section: {line}");
            entries.Add((section!, line[..separator].Trim(), line[(separator + 1)..].Trim()));
        }

        return entries.GroupBy(entry => entry.Section)
            .ToDictionary(group => group.Key, group => group.ToLookup(entry => entry.Key, entry => entry.Value));
    }
}
