namespace Lapor.Hub.Tests.Hosting;

/// <summary>Command-line settings for a hub under test: its own ports, data directory and operator key.</summary>
public sealed record HubSettings(string DataDirectory, string? PostgresConnectionString = null, IReadOnlyList<string>? Extra = null)
{
    public const string OperatorKey = "test-operator-key-0123456789";

    public int HttpPort { get; } = FreePorts.Next();

    public int SiloPort { get; } = FreePorts.Next();

    public int GatewayPort { get; } = FreePorts.Next();

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}");

    public string[] ToArgs() =>
    [
        $"--urls={BaseAddress}",
        $"--Storage:DataDirectory={DataDirectory}",
        $"--Storage:Provider={(PostgresConnectionString is null ? "Sqlite" : "PostgreSql")}",
        .. PostgresConnectionString is null ? Array.Empty<string>() : [$"--Storage:ConnectionString={PostgresConnectionString}"],
        $"--Silo:SiloPort={SiloPort}",
        $"--Silo:GatewayPort={GatewayPort}",
        $"--Api:OperatorKey={OperatorKey}",
        "--Logging:LogLevel:Default=Warning",
        // Tests call from one address far faster than a citizen; the rate-limit tests turn limits back on.
        "--RateLimits:FilingsPerMinute=0",
        "--RateLimits:ReadsPerMinute=0",
        "--RateLimits:SignInsPerMinute=0",
        "--RateLimits:FilingsPerHour=0",
        "--RateLimits:FilingsPerDay=0",
        "--RateLimits:ChatStartsPerMinutePerAddress=0",
        "--RateLimits:ChatTokensPerMinutePerConversation=0",
        "--RateLimits:ChatUploadsPerMinutePerConversation=0",
        "--RateLimits:ChatUploadsPerMinutePerAddress=0",
        // Map tiles from the hub itself (any image will do): tests never reach the internet.
        "--Site:MapTileUrl=/lib/leaflet/images/layers.png?z={z}&x={x}&y={y}",
        .. Extra ?? [],
    ];
}
