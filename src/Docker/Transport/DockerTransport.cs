using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using MiniPaas.Docker.Diagnostics;
using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker.Transport;

/// <summary>
/// HTTP/1.1 over the engine's unix socket: turns engine errors into typed exceptions, connection
/// failures into <see cref="DockerUnavailableException"/>, and bounds non-streaming calls with
/// <see cref="DockerClientOptions.RequestTimeout"/>.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    // The host is never resolved (ConnectCallback always dials the socket); it only fills the Host header.
    private static readonly Uri EngineBaseAddress = new("http://docker.sock/");

    private readonly HttpClient httpClient;
    private readonly DockerClientOptions options;
    private readonly ILogger logger;

    public DockerTransport(DockerClientOptions options, ILogger logger)
    {
        this.options = options;
        this.logger = logger;
        var socketPath = options.SocketPath;
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = (_, cancellationToken) => UnixSocketConnector.ConnectAsync(socketPath, cancellationToken),
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };
        httpClient = new HttpClient(handler)
        {
            BaseAddress = EngineBaseAddress,
            // Per-call timeouts are applied by this class so that streams can run unbounded.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public string SocketPath => options.SocketPath;

    /// <summary>Sends a request and reads the whole answer as text within the request timeout.</summary>
    public Task<string> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, TimeSpan extraTimeout, CancellationToken cancellationToken) =>
        WithTimeoutAsync(method, pathAndQuery, extraTimeout, async token =>
        {
            using var response = await SendCoreAsync(method, pathAndQuery, content, headers: null, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            return await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Sends a request and deserializes its JSON answer within the request timeout.</summary>
    public Task<T> SendForJsonAsync<T>(HttpMethod method, string pathAndQuery, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) =>
        WithTimeoutAsync(method, pathAndQuery, TimeSpan.Zero, async token =>
        {
            using var response = await SendCoreAsync(method, pathAndQuery, content, headers: null, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            return await ReadJsonAsync(response, typeInfo, method, pathAndQuery, token).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Like <see cref="SendForJsonAsync{T}"/> but answers null when the engine says 404.</summary>
    public async Task<T?> GetJsonOrDefaultAsync<T>(string pathAndQuery, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await SendForJsonAsync(HttpMethod.Get, pathAndQuery, content: null, typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Sends a request whose answer is a stream and returns once the headers arrived. No request
    /// timeout applies; the caller owns (and must dispose) the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(
        HttpMethod method,
        string pathAndQuery,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        CancellationToken cancellationToken)
    {
        var response = await SendCoreAsync(method, pathAndQuery, content, headers, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        DockerLog.StreamOpened(logger, method.Method, pathAndQuery);
        return response;
    }

    public void Dispose() => httpClient.Dispose();

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method,
        string pathAndQuery,
        HttpContent? content,
        IReadOnlyDictionary<string, string>? headers,
        HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"/{options.ApiVersion}{pathAndQuery}") { Content = content };
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError)
        {
            DockerLog.EngineUnreachable(logger, options.SocketPath, method.Method, pathAndQuery, exception);
            throw new DockerUnavailableException(options.SocketPath, exception.InnerException ?? exception);
        }

        // 304 is the engine's "already in that state" for start/stop, which callers treat as done.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotModified)
        {
            return response;
        }

        using (response)
        {
            var engineMessage = await ReadErrorMessageAsync(response, cancellationToken).ConfigureAwait(false);
            DockerLog.RequestFailed(logger, method.Method, pathAndQuery, response.StatusCode, engineMessage);
            throw CreateApiException(response.StatusCode, engineMessage);
        }
    }

    internal static DockerApiException CreateApiException(HttpStatusCode status, string engineMessage) => status switch
    {
        HttpStatusCode.NotFound => new DockerNotFoundException(engineMessage),
        HttpStatusCode.Conflict => new DockerConflictException(engineMessage),
        _ => new DockerApiException(status, engineMessage),
    };

    private static async Task<string> ReadErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                var error = JsonSerializer.Deserialize(body, DockerJsonContext.Default.EngineErrorResponse);
                if (!string.IsNullOrWhiteSpace(error?.Message))
                {
                    return error.Message;
                }
            }
            catch (JsonException)
            {
                // Not the engine's JSON error shape (e.g. a plain-text 404 from the router): use the text.
            }

            return body.Trim();
        }

        return $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, HttpMethod method, string pathAndQuery, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var value = await JsonSerializer.DeserializeAsync(body, typeInfo, cancellationToken).ConfigureAwait(false);
        return value ?? throw new DockerApiException(response.StatusCode, $"The engine answered {method} {pathAndQuery} with an empty JSON body.");
    }

    private async Task<T> WithTimeoutAsync<T>(HttpMethod method, string pathAndQuery, TimeSpan extraTimeout, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        var timeout = options.RequestTimeout == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : options.RequestTimeout + extraTimeout;
        using var timeoutSource = new CancellationTokenSource(timeout, options.TimeProvider);
        using var linkedSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await action(linkedSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            DockerLog.RequestTimedOut(logger, method.Method, pathAndQuery, timeout);
            throw new TimeoutException($"The Docker engine at '{options.SocketPath}' did not answer {method} {pathAndQuery} within {timeout}.");
        }
    }
}
