namespace MiniPaas.Staging;

/// <summary>AppArchiveSummary tells what an extraction produced.</summary>
/// <param name="EntryCount">Entries read from the archive (files, directories and links).</param>
/// <param name="ByteCount">Bytes of file content written.</param>
public sealed record AppArchiveSummary(int EntryCount, long ByteCount);
