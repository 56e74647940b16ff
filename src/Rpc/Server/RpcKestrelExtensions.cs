using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MiniPaas.Rpc;

/// <summary>RpcKestrelExtensions sets up Kestrel endpoints for cleartext gRPC (h2c).</summary>
public static class RpcKestrelExtensions
{
    /// <summary>
    /// Makes <paramref name="listenOptions"/> speak HTTP/2 only. Without TLS there is no ALPN to
    /// negotiate HTTP/2, so a cleartext gRPC endpoint must accept HTTP/2 with prior knowledge.
    /// </summary>
    public static ListenOptions UseRpcHttp2(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.Protocols = HttpProtocols.Http2;
        return listenOptions;
    }

    /// <summary>Listens for cleartext gRPC on <paramref name="address"/>:<paramref name="port"/> (0 picks a free port).</summary>
    public static KestrelServerOptions ListenRpc(this KestrelServerOptions kestrel, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Listen(address, port, listen => listen.UseRpcHttp2());
        return kestrel;
    }
}
