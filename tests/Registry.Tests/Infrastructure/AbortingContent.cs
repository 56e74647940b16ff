using System.Net;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>A streamed body whose sender dies after <paramref name="bytesBeforeAbort"/> bytes, like a client killed mid-push.</summary>
internal sealed class AbortingContent(int bytesBeforeAbort) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(new byte[bytesBeforeAbort]);
        await stream.FlushAsync();
        throw new IOException("simulated client crash mid-upload");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
