using System.Diagnostics;
using Lapor.Hub.Regions;
using Lapor.Hub.Reports;
using Lapor.Hub.Reports.Commands;
using Orleans.Configuration;

namespace Lapor.Hub.Bench.Deadlines;

internal sealed record SeedResult(long Filed, double Seconds, long Errors, int Concurrency);

/// <summary>
/// Files reports into a fresh hub through the API's own door (<see cref="ReportCommandService.FileAsync"/>, the filing
/// grain, the report grain): each report gets its state, its read-model rows and one pending deadline (verification, a
/// reminder armed a day ahead, the default <see cref="DeadlineOptions.ReminderHorizon"/>).
/// </summary>
internal static class DeadlineSeeding
{
    private const int Concurrency = 64;

    public static async Task<SeedResult> RunAsync(string dataDirectory, long count, TimeSpan maxDuration)
    {
        // Seeding only: idle grains leave memory within a minute, so a million filed reports need not stay activated.
        var app = InProcessHub.Build(dataDirectory, services => services.Configure<GrainCollectionOptions>(collection =>
        {
            collection.CollectionQuantum = TimeSpan.FromSeconds(15);
            collection.CollectionAge = TimeSpan.FromMinutes(1);
        }));
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var regions = app.Services.GetRequiredService<RegionCatalog>();
        var channels = app.Services.GetRequiredService<ChannelCatalog>();
        var commands = new ReportCommandService(grains);

        long next = 0, filed = 0, errors = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            long index;
            while ((index = Interlocked.Increment(ref next)) <= count && clock.Elapsed < maxDuration)
            {
                try
                {
                    var result = await commands.FileAsync(Submission(index), $"bench-deadlines:{index}", regions, channels);
                    if (result.Filed is null)
                    {
                        Interlocked.Increment(ref errors);
                    }
                    else
                    {
                        Interlocked.Increment(ref filed);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    if (Interlocked.Increment(ref errors) <= 5)
                    {
                        Console.WriteLine($"  filing {index} failed: {e.GetType().Name}: {e.Message}");
                    }
                }
            }
        })).ToArray();

        var all = Task.WhenAll(workers);
        long lastFiled = 0;
        var lastTime = TimeSpan.Zero;
        while (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(10))) != all)
        {
            var now = clock.Elapsed;
            var done = Interlocked.Read(ref filed);
            Console.WriteLine($"  seeding: {done:N0} / {count:N0} filed, {(done - lastFiled) / (now - lastTime).TotalSeconds:F0}/s now, "
                + $"{done / now.TotalSeconds:F0}/s overall, {Interlocked.Read(ref errors)} errors, {now.TotalSeconds:F0} s");
            (lastFiled, lastTime) = (done, now);
        }

        await all;
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  seeding done: {filed:N0} filed in {seconds:F0} s; stopping the hub");
        await app.StopAsync();
        await app.DisposeAsync();
        return new SeedResult(filed, seconds, errors, Concurrency);
    }

    private static ReportSubmission Submission(long index) => new(
        Text: $"Lampu penerangan jalan mati di dekat gang {index % 997}, sudah seminggu gelap dan rawan kecelakaan.",
        Title: "Lampu jalan mati",
        Location: new GeoPoint(-7.2575 + index % 100 * 0.0001, 112.7521),
        RegionCode: "35.78",
        IsAnonymous: false,
        IsSecret: false,
        Channel: ChannelNames.Api,
        ReporterAddress: null,
        ReporterName: "Siti");
}
