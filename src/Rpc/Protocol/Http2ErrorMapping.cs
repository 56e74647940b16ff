namespace MiniPaas.Rpc;

/// <summary>The gRPC mapping of HTTP/2 RST_STREAM/GOAWAY error codes to gRPC status codes.</summary>
internal static class Http2ErrorMapping
{
    public static StatusCode ToStatusCode(long http2ErrorCode) => http2ErrorCode switch
    {
        0x7 => StatusCode.Unavailable,        // REFUSED_STREAM: the server never started the call
        0x8 => StatusCode.Cancelled,          // CANCEL
        0xB => StatusCode.ResourceExhausted,  // ENHANCE_YOUR_CALM
        0xC => StatusCode.PermissionDenied,   // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };
}
