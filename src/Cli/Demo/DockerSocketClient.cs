using System.Net.Sockets;
using System.Text.Json;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Demo;

/// <summary>
/// DockerSocketClient is the little of the Docker engine API the chaos demo needs: find the
/// container of one instance by the label the agent puts on it, and kill it (SIGKILL, as
/// <c>docker kill</c> does), over the engine's unix socket.
/// </summary>
internal sealed class DockerSocketClient : IDisposable
{
    private readonly HttpClient _http;

    public DockerSocketClient(string socketPath)
    {
        SocketPath = socketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/v1.41/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string SocketPath { get; }

    /// <summary>Ids of the running containers carrying <c>minipaas.instance=INSTANCEID</c>.</summary>
    public async Task<IReadOnlyList<string>> ContainersOfInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        var filters = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["label"] = [$"minipaas.instance={instanceId}"] });
        using var response = await _http.GetAsync($"containers/json?filters={Uri.EscapeDataString(filters)}", cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliException($"docker engine on {SocketPath}: listing containers answered {(int)response.StatusCode}: {body.Trim()}");
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.EnumerateArray().Select(c => c.GetProperty("Id").GetString()!).ToList();
    }

    /// <summary>Sends SIGKILL to the container, as <c>docker kill</c> does.</summary>
    public async Task KillAsync(string containerId, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsync($"containers/{containerId}/kill?signal=SIGKILL", content: null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new CliException($"docker engine on {SocketPath}: killing {containerId[..12]} answered {(int)response.StatusCode}: {body.Trim()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
