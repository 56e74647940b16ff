using System.Net;
using System.Net.Sockets;

namespace MiniPaas.LogAggregator.Tests.Infrastructure;

/// <summary>Picks a loopback port nobody listens on now, for tests that must restart a server on the same port.</summary>
internal static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
