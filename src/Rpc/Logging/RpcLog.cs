using Microsoft.Extensions.Logging;

namespace MiniPaas.Rpc;

internal static partial class RpcLog
{
    [LoggerMessage(EventId = RpcLogEvents.HandlerFailed, Level = LogLevel.Error,
        Message = "gRPC handler for {Method} threw an unexpected exception; the caller gets UNKNOWN")]
    public static partial void HandlerFailed(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = RpcLogEvents.CallFailed, Level = LogLevel.Debug,
        Message = "gRPC call {Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = RpcLogEvents.DeadlineExceeded, Level = LogLevel.Debug,
        Message = "gRPC call {Method} exceeded its deadline {Deadline:O}")]
    public static partial void DeadlineExceeded(ILogger logger, string method, DateTimeOffset deadline);

    [LoggerMessage(EventId = RpcLogEvents.CallCancelledByClient, Level = LogLevel.Debug,
        Message = "gRPC call {Method} was cancelled by the client")]
    public static partial void CallCancelledByClient(ILogger logger, string method);

    [LoggerMessage(EventId = RpcLogEvents.ProtocolNotSupported, Level = LogLevel.Warning,
        Message = "gRPC call {Method} arrived over {Protocol}; gRPC needs HTTP/2 (listen with HttpProtocols.Http2)")]
    public static partial void ProtocolNotSupported(ILogger logger, string method, string protocol);

    [LoggerMessage(EventId = RpcLogEvents.UnsupportedContentType, Level = LogLevel.Debug,
        Message = "gRPC call {Method} refused: content-type '{ContentType}' is not application/grpc")]
    public static partial void UnsupportedContentType(ILogger logger, string method, string? contentType);

    [LoggerMessage(EventId = RpcLogEvents.UnimplementedCall, Level = LogLevel.Debug,
        Message = "gRPC call to unknown path {Path}")]
    public static partial void UnimplementedCall(ILogger logger, string path);

    [LoggerMessage(EventId = RpcLogEvents.TrailersNotWritten, Level = LogLevel.Debug,
        Message = "Could not write the status of gRPC call {Method}; the client has probably gone")]
    public static partial void TrailersNotWritten(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = RpcLogEvents.MethodMapped, Level = LogLevel.Debug,
        Message = "Mapped gRPC method {Method} ({MethodType}) to {ServiceType}")]
    public static partial void MethodMapped(ILogger logger, string method, MethodType methodType, string serviceType);
}
