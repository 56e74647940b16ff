using System.Net.Http.Headers;

namespace MiniPaas.Rpc;

internal static class GrpcContentTypeHeader
{
    /// <summary>A fresh header value per request: HttpClient header values are mutable objects.</summary>
    public static MediaTypeHeaderValue Value => new(GrpcProtocol.ContentType);
}
