using System.Text.RegularExpressions;
using Lapor.Hub.Silo.Hosting;
using Lapor.Hub.Storage;
using Lapor.Hub.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Lapor.Hub.Tests.Deployment;

/// <summary>
/// `schema apply` (run before a rolling upgrade, e.g. deploy/kubernetes/schema-apply-job.yaml) on real databases:
/// it applies what is missing, is a no-op the second time, and two runs at once (a Job and a starting node) both succeed.
/// </summary>
public sealed partial class SchemaCommandLineTests
{
    [Fact]
    public async Task Applies_every_script_to_a_new_sqlite_database_then_nothing_the_second_time()
    {
        using var directory = TestDatabases.CreateDirectory();
        var settings = Settings(("Storage:Provider", "Sqlite"), ("Storage:DataDirectory", directory.Path));

        var (first, firstOutput) = await RunAsync(settings);
        var (second, secondOutput) = await RunAsync(settings);

        Assert.Equal(SchemaCommandLine.Succeeded, first);
        Assert.Equal(Scripts(HubStorageProvider.Sqlite), AppliedCount(firstOutput));
        Assert.Contains("  50-report-index.sql", firstOutput, StringComparison.Ordinal);
        Assert.Equal(SchemaCommandLine.Succeeded, second);
        Assert.Equal(0, AppliedCount(secondOutput));
        Assert.True(File.Exists(Path.Combine(directory.Path, HubStorage.SqliteFileName)));
    }

    [SkippableFact]
    public async Task Two_runs_at_once_on_postgres_both_succeed_and_apply_each_script_once()
    {
        Skip.IfNot(TestDatabases.HasPostgres, TestDatabases.PostgresSkipReason);
        await using var database = await TestDatabases.CreatePostgresAsync();
        var settings = Settings(("Storage:Provider", "PostgreSql"), ("Storage:ConnectionString", database.ConnectionString));

        var runs = await Task.WhenAll(RunAsync(settings), RunAsync(settings));

        Assert.All(runs, run => Assert.Equal(SchemaCommandLine.Succeeded, run.ExitCode));
        Assert.Equal(Scripts(HubStorageProvider.PostgreSql), runs.Sum(run => AppliedCount(run.Output)));
        var report = await HubSchema.ApplyAsync(TestDatabases.PostgresIn(database));
        Assert.True(report.WasUpToDate);
    }

    [Fact]
    public async Task Names_what_is_wrong_without_touching_a_database()
    {
        var (misused, _) = await RunAsync(Settings(), "schema", "upgrade");
        var (unconfigured, _) = await RunAsync(Settings(("Storage:Provider", "PostgreSql")));

        Assert.Equal(SchemaCommandLine.Misused, misused);
        Assert.Equal(SchemaCommandLine.Failed, unconfigured);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IConfiguration settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SchemaCommandLine.RunAsync(args.Length > 0 ? args : ["schema", "apply"], settings, output, error);
        return (exitCode, output + error.ToString());
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    private static int Scripts(HubStorageProvider provider) =>
        typeof(HubSchema).Assembly.GetManifestResourceNames().Count(name => name.Contains($".Sql.{provider}.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal));

    private static int AppliedCount(string output) => int.Parse(AppliedLine().Match(output).Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"ready: (?<count>\d+) script\(s\) applied")]
    private static partial Regex AppliedLine();
}
