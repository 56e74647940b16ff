namespace MiniPaas.Rpc;

/// <summary>
/// The gRPC "HTTP to gRPC status code mapping": what a client reports when a response is not
/// HTTP 200 and carries no grpc-status of its own (e.g. a proxy answered instead of the server).
/// </summary>
internal static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };
}
