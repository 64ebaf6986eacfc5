using Lapor.Hub.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Lapor.Hub.Bench.Deadlines;

/// <summary>The real hub (Kestrel, Orleans silo, SQLite) built with <see cref="HubHost.Build"/> inside this process.</summary>
internal static class InProcessHub
{
    public static WebApplication Build(string dataDirectory, Action<IServiceCollection> services, params string[] extra) =>
        HubHost.Build(
        [
            $"--urls=http://127.0.0.1:{HubUnderTest.FreePort()}",
            $"--Storage:DataDirectory={dataDirectory}",
            "--Storage:Provider=Sqlite",
            $"--Silo:SiloPort={HubUnderTest.FreePort()}",
            $"--Silo:GatewayPort={HubUnderTest.FreePort()}",
            $"--Api:OperatorKey={HubUnderTest.OperatorKey}",
            "--Logging:LogLevel:Default=Warning",
            .. extra,
        ], services);
}
