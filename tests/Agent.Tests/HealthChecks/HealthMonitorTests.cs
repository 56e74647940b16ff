using System.Net;
using System.Net.Sockets;
using MiniPaas.Agent.HealthChecks;

namespace MiniPaas.Agent.Tests.HealthChecks;

public sealed class HealthMonitorTests
{
    private static readonly IPAddress Address = IPAddress.Parse("127.0.0.39");

    [Fact]
    public async Task WatchAsync_ListenerAppearsThenDisappears_CallsRunningThenFailed()
    {
        var listener = new TcpListener(Address, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        var policy = new HealthCheckPolicy(HealthCheckKind.Port, "/", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), FailureThreshold: 2);
        var machine = new HealthStateMachine(policy, TimeProvider.System);
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var watch = new HealthMonitor(TimeProvider.System).WatchAsync(
            machine,
            new TcpPortProbe(endpoint, TimeSpan.FromSeconds(1)),
            onRunning: () => running.TrySetResult(),
            onFailed: message => failed.TrySetResult(message),
            cancel.Token);

        await running.Task.WaitAsync(cancel.Token);
        Assert.False(failed.Task.IsCompleted);

        listener.Stop();
        var message = await failed.Task.WaitAsync(cancel.Token);
        await watch.WaitAsync(cancel.Token);

        Assert.StartsWith("health check failed 2 times in a row", message);
        Assert.Contains(endpoint.ToString(), message);
    }

    [Fact]
    public async Task WatchAsync_HttpEndpointAnswers404_FailsAtStartupTimeout()
    {
        using var server = new HttpListenerServer(Address, 404);
        // The startup timeout leaves room for the first probe (a cold HttpClient on a loaded CI
        // machine) to get its 404 back, so the message can say what the endpoint answered.
        var policy = new HealthCheckPolicy(HealthCheckKind.Http, "/health", TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(50), FailureThreshold: 3);
        var machine = new HealthStateMachine(policy, TimeProvider.System);
        using var http = new HttpClient();
        var failed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await new HealthMonitor(TimeProvider.System).WatchAsync(
            machine,
            new HttpEndpointProbe(http, new Uri($"http://{server.Endpoint}/health"), TimeSpan.FromSeconds(1)),
            onRunning: () => throw new InvalidOperationException("a 404 must not count as healthy"),
            onFailed: message => failed.TrySetResult(message),
            cancel.Token);

        var message = await failed.Task.WaitAsync(cancel.Token);
        Assert.Contains("startup timeout", message);
        Assert.Contains("answered 404", message);
    }

    /// <summary>A minimal HTTP/1.1 server on a raw socket answering every request with one status.</summary>
    private sealed class HttpListenerServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();

        public HttpListenerServer(IPAddress address, int status)
        {
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Endpoint = (IPEndPoint)_listener.LocalEndpoint;
            _ = ServeAsync(status);
        }

        public IPEndPoint Endpoint { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }

        private async Task ServeAsync(int status)
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    // The request's content does not matter; reading some of it lets the client finish sending.
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    var response = System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 {status} Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(response, _stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
            }
        }
    }
}
