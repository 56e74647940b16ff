using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Agent.HealthChecks;

/// <summary>Healthy when a TCP connection to the instance's address and port is accepted.</summary>
internal sealed class TcpPortProbe(IPEndPoint endpoint, TimeSpan timeout) : IHealthProbe
{
    public async Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(endpoint, timeoutSource.Token);
            return HealthProbeResult.Pass();
        }
        catch (SocketException ex)
        {
            return HealthProbeResult.Fail($"TCP connect to {endpoint}: {ex.SocketErrorCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthProbeResult.Fail($"TCP connect to {endpoint} timed out after {timeout.TotalMilliseconds:0} ms");
        }
    }
}
