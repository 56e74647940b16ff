using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>Hand-made HTTP requests, for protocol cases a well-behaved gRPC client never produces.</summary>
internal static class RawHttp
{
    public static HttpClient CreateHttp2Client() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public static HttpRequestMessage GrpcPost(Uri server, string path, byte[] body, string contentType = "application/grpc") => new(HttpMethod.Post, new Uri(server, path))
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } },
    };

    /// <summary>One message frame with the given compressed flag around <paramref name="payload"/>.</summary>
    public static byte[] Frame(byte[] payload, byte compressedFlag = 0)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressedFlag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    /// <summary>The status, from the trailers or (for trailers-only responses) the headers.</summary>
    public static async Task<(string? Status, string? Message)> ReadStatusAsync(HttpResponseMessage response)
    {
        await response.Content.ReadAsByteArrayAsync();
        string? Get(HttpHeaders headers, string name) => headers.TryGetValues(name, out var values) ? values.Single() : null;
        return (Get(response.TrailingHeaders, "grpc-status") ?? Get(response.Headers, "grpc-status"),
                Get(response.TrailingHeaders, "grpc-message") ?? Get(response.Headers, "grpc-message"));
    }
}
