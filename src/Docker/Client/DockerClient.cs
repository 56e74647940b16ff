using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniPaas.Docker.Serialization;
using MiniPaas.Docker.Transport;

namespace MiniPaas.Docker;

/// <summary>
/// A typed client for the Docker Engine API over its unix socket. Thread-safe; create one per
/// engine and reuse it (it pools connections).
/// </summary>
/// <remarks>
/// Engine refusals become <see cref="DockerApiException"/> (<see cref="DockerNotFoundException"/>
/// for 404, <see cref="DockerConflictException"/> for 409) carrying the engine's message; an
/// unreachable socket becomes <see cref="DockerUnavailableException"/>; a non-streaming call that
/// outlives <see cref="DockerClientOptions.RequestTimeout"/> becomes <see cref="TimeoutException"/>.
/// </remarks>
public sealed partial class DockerClient : IDisposable
{
    private readonly DockerClientOptions options;
    private readonly DockerTransport transport;
    private readonly ILogger logger;

    /// <summary>Creates a client; nothing is sent until the first call.</summary>
    /// <param name="options">Where the engine is; null for the defaults.</param>
    /// <param name="logger">Where to log engine errors and lifecycle actions; null for none.</param>
    public DockerClient(DockerClientOptions? options = null, ILogger? logger = null)
    {
        // A private copy: later changes to the caller's object must not half-apply to a live client.
        var source = options ?? new DockerClientOptions();
        this.options = new DockerClientOptions
        {
            SocketPath = source.SocketPath,
            ApiVersion = source.ApiVersion,
            RequestTimeout = source.RequestTimeout,
            TimeProvider = source.TimeProvider,
        };
        this.options.Validate();
        this.logger = logger ?? NullLogger.Instance;
        transport = new DockerTransport(this.options, this.logger);
    }

    /// <summary>The unix socket this client talks to.</summary>
    public string SocketPath => options.SocketPath;

    /// <summary>Checks that the engine answers (<c>GET /_ping</c>).</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var answer = await transport.SendAsync(HttpMethod.Get, "/_ping", content: null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(answer.Trim(), "OK", StringComparison.Ordinal))
        {
            throw new DockerApiException(System.Net.HttpStatusCode.OK, $"The engine answered the ping with '{answer}' instead of 'OK'.");
        }
    }

    /// <summary>The engine's version information (<c>GET /version</c>).</summary>
    public Task<DockerVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        transport.SendForJsonAsync(HttpMethod.Get, "/version", content: null, DockerJsonContext.Default.DockerVersion, cancellationToken);

    /// <summary>
    /// Builds the <c>X-Registry-Auth</c> value <see cref="PullImageAsync"/> takes: base64url of
    /// <c>{"username","password","serveraddress"}</c>.
    /// </summary>
    public static string EncodeRegistryAuth(string username, string password, string serverAddress)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        ArgumentException.ThrowIfNullOrWhiteSpace(serverAddress);
        var json = JsonSerializer.SerializeToUtf8Bytes(
            new RegistryAuthPayload { Username = username, Password = password, ServerAddress = serverAddress },
            DockerJsonContext.Default.RegistryAuthPayload);
        return Convert.ToBase64String(json).Replace('+', '-').Replace('/', '_');
    }

    /// <inheritdoc />
    public void Dispose() => transport.Dispose();

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
