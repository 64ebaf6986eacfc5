using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Lapor.Hub.Bench;

/// <summary>The real hub (Lapor.Hub.dll, built with the bench) started as its own process on free loopback ports.</summary>
internal sealed class HubUnderTest : IAsyncDisposable
{
    public const string OperatorKey = "bench-operator-key-0123456789";
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The hub's process, whose compiling decides when a run's warm-up is over.</summary>
    public int ProcessId => _process.Id;

    private HubUnderTest(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<HubUnderTest> StartAsync(string dataDirectory, string? postgres, IEnumerable<string> extra)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Lapor.Hub.dll"));
        string[] arguments =
        [
            $"--urls={baseAddress}",
            $"--Storage:DataDirectory={dataDirectory}",
            $"--Storage:Provider={(postgres is null ? "Sqlite" : "PostgreSql")}",
            .. postgres is null ? Array.Empty<string>() : [$"--Storage:ConnectionString={postgres}"],
            $"--Silo:SiloPort={FreePort()}",
            $"--Silo:GatewayPort={FreePort()}",
            $"--Api:OperatorKey={OperatorKey}",
            "--Logging:LogLevel:Default=Warning",
            "--RateLimits:FilingsPerMinute=0",
            "--RateLimits:ReadsPerMinute=0",
            "--RateLimits:FilingsPerHour=0",
            "--RateLimits:FilingsPerDay=0",
            "--RateLimits:ChatStartsPerMinutePerAddress=0",
            .. extra,
            // For experiments: more settings for every hub the bench starts, e.g. "--Storage:PostgreSql:MaxPoolSize=8".
            .. (Environment.GetEnvironmentVariable("BENCH_HUB_ARGS") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var hub = new HubUnderTest(Process.Start(start)!, baseAddress);
        hub._process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        hub._process.BeginOutputReadLine();
        hub._process.BeginErrorReadLine();
        await hub.WaitUntilReadyAsync();
        return hub;
    }

    /// <summary>SIGKILL, like a crash.</summary>
    public async Task KillHardAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The hub exited ({_process.ExitCode}):\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The hub did not become ready:\n{Output}");
    }
}
