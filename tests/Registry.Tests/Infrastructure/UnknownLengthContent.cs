using System.Net;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>A body sent with chunked transfer encoding (no Content-Length), like a client streaming a layer.</summary>
internal sealed class UnknownLengthContent(byte[] content, int writeSize = 64 * 1024) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var offset = 0; offset < content.Length; offset += writeSize)
        {
            await stream.WriteAsync(content.AsMemory(offset, Math.Min(writeSize, content.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
