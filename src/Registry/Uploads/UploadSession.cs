using System.Buffers;
using System.Security.Cryptography;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Uploads;

/// <summary>
/// The in-memory side of one upload: a running SHA-256 over the bytes already on disk, so completing a
/// multi-gigabyte upload does not read it all again. The data file is the truth; whenever its length differs
/// from what was hashed (process restarted, a write failed half-way) the hash is rebuilt from the file.
/// </summary>
internal sealed class UploadSession(Guid id, string repository, string dataPath) : IDisposable
{
    private const int BufferSize = 128 * 1024;

    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _hashedLength;

    public Guid Id { get; } = id;

    public string Repository { get; } = repository;

    public string DataPath { get; } = dataPath;

    /// <summary>Serialises requests on this upload; holders must re-check the upload still exists after entering.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long Length => new FileInfo(DataPath).Length;

    /// <summary>Makes the running hash cover exactly the file; returns the number of bytes re-read (0 when it already did).</summary>
    public async Task<long> CatchUpAsync(CancellationToken cancellationToken)
    {
        if (Length == _hashedLength)
        {
            return 0;
        }

        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _hashedLength = 0;

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(DataPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
            int read;
            while ((read = await file.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                _hash.AppendData(buffer, 0, read);
                _hashedLength += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return _hashedLength;
    }

    /// <summary>
    /// Streams <paramref name="body"/> onto the end of the data file while hashing it. Stops as soon as the
    /// upload would exceed <paramref name="maxTotalBytes"/> and reports that, so the caller can discard it
    /// before the disk fills.
    /// </summary>
    public async Task<AppendResult> AppendAsync(Stream body, long maxTotalBytes, CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        var appended = 0L;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(DataPath, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous);
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)) > 0)
            {
                if (_hashedLength + read > maxTotalBytes)
                {
                    return new AppendResult(appended, LimitExceeded: true);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                // Hash only after the write succeeded, so a failed write shows up as a length mismatch.
                _hash.AppendData(buffer, 0, read);
                _hashedLength += read;
                appended += read;
            }

            // Durable before we answer: the client treats an acknowledged chunk as safe.
            file.Flush(flushToDisk: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return new AppendResult(appended, LimitExceeded: false);
    }

    public Digest CurrentDigest() => Digest.FromSha256(_hash.GetCurrentHash());

    public void Dispose() => _hash.Dispose();
}
