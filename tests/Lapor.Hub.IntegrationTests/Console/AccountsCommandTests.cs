using System.Diagnostics;
using Lapor.Hub.Tests.Infrastructure;

namespace Lapor.Hub.Tests.Console;

/// <summary>The accounts command as an operator types it: the hub's own executable, run from another folder.</summary>
public sealed class AccountsCommandTests
{
    [Fact]
    public async Task The_first_admin_is_created_in_the_data_directory_named_by_a_setting_whatever_the_flag_order()
    {
        using var workingDirectory = TestDatabases.CreateDirectory("lapor-accounts-cwd");
        using var dataDirectory = TestDatabases.CreateDirectory("lapor-accounts-data");
        var setting = $"--Storage:DataDirectory={dataDirectory.Path}";

        var created = await RunAsync(workingDirectory.Path, "kata-sandi-pertama-admin\n",
            "accounts", "create", "--user", "budi", "--role", "Admin", "--password-stdin", setting, "--name", "Budi Santoso");
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Created Admin 'budi'.", created.Output);

        var listed = await RunAsync(workingDirectory.Path, "", "accounts", "list", setting);
        Assert.Contains("budi", listed.Output);
        Assert.Contains("Budi Santoso", listed.Output);
        Assert.False(Directory.Exists(Path.Combine(workingDirectory.Path, "data")), "Nothing may be written where the command was typed.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lapor.Hub.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
