using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Lapor.Hub.Tests.Hosting;

/// <summary>
/// Loopback ports for hubs under test. They are drawn below Linux's ephemeral range (32768–60999), so an
/// outgoing connection can never take one between the draw and the hub binding it, and each is handed out once.
/// </summary>
public static class FreePorts
{
    private const int First = 20000;
    private const int End = 32000;
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            var port = Random.Shared.Next(First, End);
            if (HandedOut.TryAdd(port, true) && IsFree(port))
            {
                return port;
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
