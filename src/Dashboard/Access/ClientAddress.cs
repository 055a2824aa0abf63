using System.Net;
using System.Net.Sockets;

namespace Dashboard.Access;

/// <summary>
/// The client's address as the app sees it: the connection's, or what a configured proxy forwarded (see
/// <see cref="ProxyOptions"/>). For limits and lockouts an IPv6 client counts by its /64, since one host
/// usually holds a whole /64 and could otherwise change address on every attempt.
/// </summary>
public static class ClientAddress
{
    public static IPAddress? Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        return address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
    }

    /// <summary>"v4:203.0.113.7", "v6:2001:db8:1:2::/64", or "unknown".</summary>
    public static string KeyOf(HttpContext http)
    {
        var address = Of(http);
        if (address is null) return "unknown";
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "v4:" + address;
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return "v6:" + new IPAddress(bytes) + "/64";
    }
}
