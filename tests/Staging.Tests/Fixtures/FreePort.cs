using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Asks the kernel for a free loopback port, so tests can run side by side.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
