using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MiniPaas.Router.Hosting;

/// <summary>The router's two listeners; after startup, their actual addresses (port 0 resolved).</summary>
internal sealed class RouterEndpoints
{
    internal ListenOptions? Proxy { get; set; }

    internal ListenOptions? Admin { get; set; }

    /// <summary>Where apps are served, once Kestrel has bound it.</summary>
    public IPEndPoint ProxyEndPoint => Proxy?.IPEndPoint ?? throw new InvalidOperationException("The router has not started listening yet.");

    /// <summary>Where /metrics, /healthz and /routes are served, once Kestrel has bound it.</summary>
    public IPEndPoint AdminEndPoint => Admin?.IPEndPoint ?? throw new InvalidOperationException("The router has not started listening yet.");
}
