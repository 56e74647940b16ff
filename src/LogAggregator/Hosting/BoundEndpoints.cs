using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MiniPaas.LogAggregator.Hosting;

/// <summary>BoundEndpoints are the addresses the aggregator listens on, with ports resolved once bound (when 0 was configured).</summary>
internal sealed class BoundEndpoints
{
    public ListenOptions? GrpcListen { get; set; }

    public ListenOptions? HttpListen { get; set; }

    public Uri GrpcUri => ToUri(GrpcListen, "gRPC");

    public Uri HttpUri => ToUri(HttpListen, "HTTP");

    private static Uri ToUri(ListenOptions? listen, string what)
    {
        var endpoint = listen?.IPEndPoint ?? throw new InvalidOperationException($"the {what} endpoint is not bound yet");
        var host = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address;
        return new Uri($"http://{new IPEndPoint(host, endpoint.Port)}");
    }
}
