namespace MiniPaas.Router.Proxy;

/// <summary>
/// Wraps a request body that is streamed (too big or of unknown length to buffer) and remembers whether any
/// byte was taken from it: until then, the request can still be sent to another instance unchanged.
/// </summary>
internal sealed class ReadTrackingStream : Stream
{
    private readonly Stream _inner;

    public ReadTrackingStream(Stream inner)
    {
        _inner = inner;
    }

    /// <summary>Whether a read returned data (or a read is in progress with unknown outcome).</summary>
    public bool Touched { get; private set; }

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Track(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Track(_inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Track(await _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Track(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Track(int read)
    {
        if (read > 0)
        {
            Touched = true;
        }

        return read;
    }
}
