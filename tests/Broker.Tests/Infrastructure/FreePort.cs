using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>Ports the OS reports free on 127.0.0.1, so test brokers and their servers never collide.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
