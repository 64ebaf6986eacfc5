using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Lapor.Hub.Channels.Hosting;

/// <summary>
/// The address a per-address rate limit counts: the connection's remote address, which UseForwardedHeaders has already
/// replaced by X-Forwarded-For when (and only when) the request came through a known proxy. An IPv6 client counts by its
/// /64 network: one subscriber gets a whole /64 and could otherwise rotate through its addresses.
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
