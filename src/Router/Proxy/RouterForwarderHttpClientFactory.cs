using System.Net.Http;
using Microsoft.Extensions.Options;
using MiniPaas.Router.Hosting;
using Yarp.ReverseProxy.Forwarder;

namespace MiniPaas.Router.Proxy;

/// <summary>YARP's client factory with the router's connect timeout, so a silent instance counts as unreachable quickly.</summary>
internal sealed class RouterForwarderHttpClientFactory : ForwarderHttpClientFactory
{
    private readonly TimeSpan _connectTimeout;

    public RouterForwarderHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger, IOptions<RouterOptions> options)
        : base(logger)
    {
        _connectTimeout = options.Value.ConnectTimeout;
    }

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = _connectTimeout;
    }
}
