namespace MiniPaas.Rpc;

/// <summary>
/// RpcException carries a non-OK gRPC status. A server handler throws it to end a call with that
/// status; the client raises it when a call ends with one (or fails in transport).
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates an exception for <paramref name="statusCode"/> with a human-readable detail.</summary>
    public RpcException(StatusCode statusCode, string detail)
        : this(statusCode, detail, trailers: null, innerException: null)
    {
    }

    /// <summary>Creates an exception that also carries trailers (sent by a server, received by a client).</summary>
    public RpcException(StatusCode statusCode, string detail, Metadata? trailers)
        : this(statusCode, detail, trailers, innerException: null)
    {
    }

    /// <summary>Creates an exception with trailers and the exception that caused it.</summary>
    public RpcException(StatusCode statusCode, string detail, Metadata? trailers, Exception? innerException)
        : base($"Status(StatusCode=\"{statusCode}\", Detail=\"{detail}\")", innerException)
    {
        StatusCode = statusCode;
        Detail = detail ?? string.Empty;
        Trailers = trailers ?? new Metadata();
    }

    /// <summary>The gRPC status code.</summary>
    public StatusCode StatusCode { get; }

    /// <summary>The status message (the <c>grpc-message</c> trailer, decoded).</summary>
    public string Detail { get; }

    /// <summary>Trailing metadata of the call, without the <c>grpc-status</c>/<c>grpc-message</c> entries.</summary>
    public Metadata Trailers { get; }
}
