using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Docker.Tests.Fixtures;

internal static class FreePort
{
    /// <summary>A loopback port the kernel just handed out, so parallel runs don't collide.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
