using System.Net;
using System.Net.Sockets;

namespace Dashboard.Testing;

/// <summary>A loopback port nobody listens on right now, for servers the tests start (and for "nothing there").</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
