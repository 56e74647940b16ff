namespace MiniPaas.Rpc;

/// <summary>Names and constants of the gRPC-over-HTTP/2 protocol that both sides share.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string IdentityEncoding = "identity";
    public const string AuthorizationHeader = "authorization";

    /// <summary>Compressed flag (1 byte) and big-endian message length (4 bytes).</summary>
    public const int FrameHeaderSize = 5;

    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    /// <summary>
    /// True for <c>application/grpc</c>, <c>application/grpc+proto</c> and either with parameters.
    /// Other subtypes (e.g. <c>+json</c>) are refused because this layer only speaks protobuf.
    /// </summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var semicolon = rest.IndexOf(';');
        var subtype = (semicolon >= 0 ? rest[..semicolon] : rest).Trim();
        return subtype.Length == 0 || subtype.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Headers that are protocol plumbing rather than call metadata, so they are kept out of the
    /// <see cref="Metadata"/> that handlers and callers see.
    /// </summary>
    public static bool IsTransportHeader(string lowercaseName) =>
        lowercaseName.StartsWith(':')
        || lowercaseName.StartsWith("grpc-", StringComparison.Ordinal)
        || lowercaseName is "content-type" or "content-length" or "te" or "host" or "date" or "server"
            or "transfer-encoding" or "connection" or "keep-alive" or "upgrade";
}
