using System.Net;
using MiniPaas.Docker;

namespace MiniPaas.Agent.HealthChecks;

/// <summary>
/// Builds the probe an instance's policy asks for. Owns the one HttpClient all HTTP checks share;
/// it never uses a proxy because instances are on this machine's loopback addresses.
/// </summary>
internal sealed class HealthProbeFactory : IDisposable
{
    private readonly DockerClient _docker;
    private readonly HttpClient _http;

    public HealthProbeFactory(DockerClient docker)
    {
        _docker = docker;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public IHealthProbe Create(HealthCheckPolicy policy, IPAddress address, int port, string containerId) => policy.Kind switch
    {
        HealthCheckKind.Port => new TcpPortProbe(new IPEndPoint(address, port), policy.ProbeTimeout),
        HealthCheckKind.Http => new HttpEndpointProbe(_http, BuildUri(address, port, policy.Endpoint), policy.ProbeTimeout),
        HealthCheckKind.Process => new ContainerRunningProbe(_docker, containerId),
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy.Kind, "Unknown health check kind."),
    };

    public void Dispose() => _http.Dispose();

    private static Uri BuildUri(IPAddress address, int port, string endpoint)
    {
        var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        return new Uri($"http://{host}:{port}{endpoint}");
    }
}
