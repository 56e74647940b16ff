namespace MiniPaas.Rpc;

/// <summary>RpcChannelOptions configures an <see cref="RpcChannel"/>.</summary>
public sealed class RpcChannelOptions
{
    /// <summary>
    /// The HTTP handler calls go through. Default null: the channel creates (and disposes) a
    /// <see cref="SocketsHttpHandler"/> with several HTTP/2 connections allowed, keep-alive pings
    /// every 60 s while calls are active (30 s ping timeout), a 10 s connect timeout and no proxy.
    /// A handler given here is not disposed by the channel.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Largest response message accepted, in bytes; larger ones fail the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest request message sent, in bytes; larger ones fail with RESOURCE_EXHAUSTED before sending. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>A fixed token sent as <c>authorization: Bearer &lt;token&gt;</c> on every call. Default null (none).</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// Supplies the bearer token per call (e.g. a refreshed one); wins over <see cref="BearerToken"/>.
    /// Returning null sends no authorization header. Default null.
    /// </summary>
    public Func<CancellationToken, ValueTask<string?>>? BearerTokenProvider { get; set; }

    /// <summary>Timeout applied to calls whose <see cref="CallOptions.Deadline"/> is null. Default null (no deadline).</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>Clock for deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
