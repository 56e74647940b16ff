namespace MiniPaas.Rpc;

/// <summary>CallOptions are the per-call settings of a client call; <c>default</c> means none.</summary>
public readonly record struct CallOptions
{
    /// <summary>Metadata sent as request headers.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>
    /// When the call must be done; sent to the server as <c>grpc-timeout</c>. When it passes, the
    /// call fails with <see cref="StatusCode.DeadlineExceeded"/>. Null falls back to
    /// <see cref="RpcChannelOptions.DefaultTimeout"/>.
    /// </summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>Cancels the call (the server sees the cancellation); the call fails with <see cref="StatusCode.Cancelled"/>.</summary>
    public CancellationToken CancellationToken { get; init; }
}
