using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Dashboard.Tests.Infrastructure;

/// <summary>Ports the kernel just handed out as free, so parallel tests never collide.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
