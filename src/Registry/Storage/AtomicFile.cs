namespace MiniPaas.Registry.Storage;

/// <summary>
/// Small metadata writes that a crash can never leave half-done: the bytes go to a temp file, are flushed
/// to disk, and only then renamed over (or linked to) the final name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes or replaces <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, string tempPath, CancellationToken cancellationToken)
    {
        await WriteTempAsync(tempPath, content, cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(tempPath, path, overwrite: true);
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> only if nothing is there yet; returns false when it already exists.
    /// The complete temp file is hard-linked to the final name, which fails atomically when the name is taken,
    /// so two racing writers (threads or processes) can never both succeed and readers never see partial content.
    /// </summary>
    public static async Task<bool> TryCreateAsync(string path, ReadOnlyMemory<byte> content, string tempPath, CancellationToken cancellationToken)
    {
        await WriteTempAsync(tempPath, content, cancellationToken);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return HardLink.TryCreate(tempPath, path);
        }
        finally
        {
            File.Delete(tempPath);
        }
    }

    private static async Task WriteTempAsync(string tempPath, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(tempPath)!);
        var stream = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        try
        {
            await using (stream)
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }
        }
        catch
        {
            File.Delete(tempPath);
            throw;
        }
    }
}
