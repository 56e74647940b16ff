using System.Net;

namespace MiniPaas.Docker.Transport;

/// <summary>
/// Request body copied from a caller's stream. Unlike <see cref="StreamContent"/> it leaves the
/// stream open: the caller created it and disposes it.
/// </summary>
internal sealed class UploadStreamContent : HttpContent
{
    private readonly Stream source;

    public UploadStreamContent(Stream source, string mediaType)
    {
        this.source = source;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        source.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        source.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        if (source.CanSeek)
        {
            length = source.Length - source.Position;
            return true;
        }

        length = 0;
        return false;
    }
}
