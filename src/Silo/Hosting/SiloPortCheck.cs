using System.Net;
using System.Net.Sockets;
using Lapor.Hub.Storage;

namespace Lapor.Hub.Silo.Hosting;

/// <summary>
/// Before the silo starts: are its two Orleans ports free? A second hub on the same machine (or anything else on
/// 11111/30000) otherwise ends in a long socket stack trace that never names the setting to change.
/// </summary>
public static partial class SiloPortCheck
{
    public static IReadOnlyList<(string Name, int Port)> TakenPorts(IConfiguration configuration) =>
        new[]
        {
            ("silo", configuration.GetValue("Silo:SiloPort", HubSiloBuilderExtensions.DefaultSiloPort)),
            ("gateway", configuration.GetValue("Silo:GatewayPort", HubSiloBuilderExtensions.DefaultGatewayPort)),
        }.Where(port => !IsFree(port.Item2)).ToArray();

    /// <summary>Logs one warning per taken port; true when all are free.</summary>
    public static bool WarnIfTaken(IConfiguration configuration, ILogger logger)
    {
        var taken = TakenPorts(configuration);
        foreach (var (name, port) in taken)
        {
            LogTaken(logger, name, port);
        }

        return taken.Count == 0;
    }

    private static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Orleans {PortName} port {Port} is already in use: is another Lapor.Hub running? "
        + "Stop it, or give this hub free ports with --Silo:SiloPort=… and --Silo:GatewayPort=… (settings Silo:SiloPort, Silo:GatewayPort).")]
    private static partial void LogTaken(ILogger logger, string portName, int port);
}
