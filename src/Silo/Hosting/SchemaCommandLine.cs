using Lapor.Hub.Storage;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>
/// <c>schema apply</c>: brings the database up to this build's schema and exits, without starting the silo. Run it
/// from the new version before a rolling upgrade (a Kubernetes Job, or once by hand), so old and new nodes meet a
/// ready schema. Every start applies the same scripts anyway; on PostgreSQL an advisory lock lets one node at a time.
/// </summary>
public static class SchemaCommandLine
{
    public const string Command = "schema";

    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int Misused = 2;

    private const string Usage = """
        Usage: schema apply [--Storage:Provider=PostgreSql --Storage:ConnectionString=…]
          apply   Applies the embedded schema scripts not yet applied (or edited since), in order, and exits.
        """;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        var words = args.TakeWhile(arg => !arg.StartsWith('-')).SkipWhile(word => word == Command).ToArray();
        if (words is not ["apply"])
        {
            await error.WriteLineAsync(Usage);
            return Misused;
        }

        try
        {
            var storage = HubStorageOptions.FromConfiguration(configuration);
            var report = await HubSchema.ApplyAsync(storage);
            await output.WriteLineAsync(
                $"Schema of {storage.DescribeLocation()} ready: {report.Applied.Count} script(s) applied, "
                + $"{report.Reapplied.Count} edited script(s) applied again, {report.Unchanged.Count} unchanged.");
            foreach (var script in report.Applied.Concat(report.Reapplied))
            {
                await output.WriteLineAsync($"  {script}");
            }

            return Succeeded;
        }
        catch (Exception exception) when (exception is HubStorageConfigurationException or System.Data.Common.DbException)
        {
            await error.WriteLineAsync(exception.Message);
            return Failed;
        }
    }
}
