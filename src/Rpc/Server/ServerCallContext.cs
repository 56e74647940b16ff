using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace MiniPaas.Rpc;

/// <summary>
/// ServerCallContext is what a handler (and the authorization hook) knows about the call in
/// progress: its method, caller, metadata, deadline and cancellation.
/// </summary>
public sealed class ServerCallContext
{
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource? _linkedSource;
    private Dictionary<object, object?>? _items;
    private string? _peer;

    internal ServerCallContext(HttpContext httpContext, string method, Metadata requestHeaders, TimeSpan? timeout, TimeProvider timeProvider, CancellationToken serverStopping = default)
    {
        HttpContext = httpContext;
        Method = method;
        RequestHeaders = requestHeaders;
        ServerStopping = serverStopping;
        if (timeout is { } value)
        {
            Deadline = SafeAdd(timeProvider.GetUtcNow(), value);
            _deadlineSource = new CancellationTokenSource(ClampTimerDelay(value), timeProvider);
        }

        if (_deadlineSource is not null || serverStopping.CanBeCanceled)
        {
            // A long-lived stream (assignments, routes, follow) would otherwise hold the host's
            // graceful shutdown until its timeout: shutting down ends every call, like a disconnect.
            _linkedSource = CancellationTokenSource.CreateLinkedTokenSource(
                httpContext.RequestAborted, _deadlineSource?.Token ?? CancellationToken.None, serverStopping);
            CancellationToken = _linkedSource.Token;
        }
        else
        {
            CancellationToken = httpContext.RequestAborted;
        }
    }

    /// <summary>The full method name, e.g. <c>/minipaas.v1.Controller/Login</c>.</summary>
    public string Method { get; }

    /// <summary>The caller's address in gRPC's notation, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public string Peer => _peer ??= FormatPeer(HttpContext.Connection.RemoteIpAddress, HttpContext.Connection.RemotePort);

    /// <summary>Metadata the client sent (protocol headers such as <c>grpc-timeout</c> are left out).</summary>
    public Metadata RequestHeaders { get; }

    /// <summary>Metadata to send after the last response message, next to the status.</summary>
    public Metadata ResponseTrailers { get; } = new();

    /// <summary>When the client's <c>grpc-timeout</c> runs out, or null if it sent none.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the client cancels or disconnects, the deadline passes, or the server shuts down.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The underlying ASP.NET Core request, e.g. for <c>RequestServices</c> or connection details.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Per-call state, e.g. the caller identity stored by the authorization hook.</summary>
    public IDictionary<object, object?> Items => _items ??= new Dictionary<object, object?>();

    /// <summary>Cancelled when the host is shutting down.</summary>
    internal CancellationToken ServerStopping { get; }

    internal bool DeadlineExpired => _deadlineSource?.IsCancellationRequested == true;

    internal bool IsComplete { get; private set; }

    /// <summary>
    /// Sends response headers now, before the first message. Without this call the response starts
    /// (with no metadata) on the first message, or the status alone is sent. Allowed once, before any message.
    /// </summary>
    public async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        var response = HttpContext.Response;
        if (response.HasStarted)
        {
            throw new InvalidOperationException("Response headers were already sent: call WriteResponseHeadersAsync once, before writing any message.");
        }

        foreach (var entry in responseHeaders)
        {
            response.Headers.Append(entry.Key, MetadataWire.ToWireValue(entry));
        }

        await response.StartAsync(CancellationToken).ConfigureAwait(false);
        await response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
    }

    internal void ThrowIfDeadlineExpired()
    {
        if (DeadlineExpired)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
    }

    internal void Complete()
    {
        IsComplete = true;
        _linkedSource?.Dispose();
        _deadlineSource?.Dispose();
    }

    private static DateTimeOffset SafeAdd(DateTimeOffset now, TimeSpan timeout) =>
        timeout >= DateTimeOffset.MaxValue - now ? DateTimeOffset.MaxValue : now + timeout;

    /// <summary>Timers take at most ~49 days; a longer deadline is, in practice, no deadline.</summary>
    private static TimeSpan ClampTimerDelay(TimeSpan timeout)
    {
        var max = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
        return timeout > max ? Timeout.InfiniteTimeSpan : timeout;
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6, IsIPv4MappedToIPv6: true } => $"ipv4:{address.MapToIPv4()}:{port}",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"ipv6:[{address}]:{port}",
        _ => $"ipv4:{address}:{port}",
    };
}
