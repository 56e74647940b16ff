using System.Net.Http;
using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>
/// RpcChannel calls gRPC methods on one server address over HTTP/2 (cleartext h2c with prior
/// knowledge for <c>http://</c>, TLS with ALPN for <c>https://</c>). It is thread-safe; create one
/// per server and share it.
/// </summary>
public sealed class RpcChannel : IDisposable
{
    internal const string UserAgent = "minipaas-rpc/1.0";

    private readonly string _baseAddress;
    private readonly bool _ownsHandler;
    private readonly HttpMessageHandler _handler;
    private bool _disposed;

    /// <summary>Creates a channel to <paramref name="address"/> (e.g. <c>http://127.0.0.1:5000</c>).</summary>
    public RpcChannel(Uri address, RpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"RpcChannel address '{address}' must be an absolute http:// or https:// URI.", nameof(address));
        }

        Options = Snapshot(options ?? new RpcChannelOptions());
        Address = address;
        _baseAddress = address.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _ownsHandler = Options.HttpHandler is null;
        _handler = Options.HttpHandler ?? CreateDefaultHandler();
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
    }

    /// <summary>The server address calls go to.</summary>
    public Uri Address { get; }

    internal RpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    /// <summary>Calls a unary method and returns its response; a non-OK status throws <see cref="RpcException"/>.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        using var call = Unary(method, request, options);
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>Starts a unary call whose headers and trailers can be inspected.</summary>
    public UnaryCall<TResponse> Unary<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = Start(method, MethodType.Unary, options, request);
        return new UnaryCall<TResponse>(call.ReadSingleResponseAsync(), call);
    }

    /// <summary>Starts a server-streaming call.</summary>
    public ServerStreamingCall<TResponse> ServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = Start(method, MethodType.ServerStreaming, options, request);
        return new ServerStreamingCall<TResponse>(new ClientResponseStreamReader<TRequest, TResponse>(call), call);
    }

    /// <summary>Starts a client-streaming call.</summary>
    public ClientStreamingCall<TRequest, TResponse> ClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = Start(method, MethodType.ClientStreaming, options, request: null);
        return new ClientStreamingCall<TRequest, TResponse>(
            new ClientRequestStreamWriter<TRequest, TResponse>(call, Options.MaxSendMessageSize),
            call.ReadSingleResponseAsync(),
            call);
    }

    /// <summary>Starts a duplex (bidirectional streaming) call.</summary>
    public DuplexStreamingCall<TRequest, TResponse> DuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var call = Start(method, MethodType.DuplexStreaming, options, request: null);
        return new DuplexStreamingCall<TRequest, TResponse>(
            new ClientRequestStreamWriter<TRequest, TResponse>(call, Options.MaxSendMessageSize),
            new ClientResponseStreamReader<TRequest, TResponse>(call),
            call);
    }

    /// <summary>Disposes the HTTP handler if the channel created it. Calls in progress fail.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Invoker.Dispose();
        if (_ownsHandler)
        {
            _handler.Dispose();
        }
    }

    internal Uri CreateUri(string methodFullName) => new(_baseAddress + methodFullName, UriKind.Absolute);

    private ClientCall<TRequest, TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, CallOptions options, TRequest? request)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is a {method.Type} method, but was called as {expected}.", nameof(method));
        }

        if (expected is MethodType.Unary or MethodType.ServerStreaming)
        {
            ArgumentNullException.ThrowIfNull(request);
        }

        return new ClientCall<TRequest, TResponse>(this, method, options, request);
    }

    private static RpcChannelOptions Snapshot(RpcChannelOptions options)
    {
        if (options.MaxReceiveMessageSize <= 0)
        {
            throw new ArgumentException($"{nameof(RpcChannelOptions)}.{nameof(RpcChannelOptions.MaxReceiveMessageSize)} must be positive (was {options.MaxReceiveMessageSize}).", nameof(options));
        }

        if (options.MaxSendMessageSize <= 0)
        {
            throw new ArgumentException($"{nameof(RpcChannelOptions)}.{nameof(RpcChannelOptions.MaxSendMessageSize)} must be positive (was {options.MaxSendMessageSize}).", nameof(options));
        }

        if (options.DefaultTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RpcChannelOptions)}.{nameof(RpcChannelOptions.DefaultTimeout)} must be positive (was {timeout}).", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, $"{nameof(options)}.{nameof(RpcChannelOptions.TimeProvider)}");

        // A private copy: changing the options object after construction must not affect calls.
        return new RpcChannelOptions
        {
            HttpHandler = options.HttpHandler,
            MaxReceiveMessageSize = options.MaxReceiveMessageSize,
            MaxSendMessageSize = options.MaxSendMessageSize,
            BearerToken = options.BearerToken,
            BearerTokenProvider = options.BearerTokenProvider,
            DefaultTimeout = options.DefaultTimeout,
            TimeProvider = options.TimeProvider,
        };
    }

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Environment proxies speak HTTP/1.1 and would break cleartext HTTP/2 to the server.
        UseProxy = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };
}
