namespace MiniPaas.Registry.Hosting;

/// <summary>Every log event of the registry, so event ids stay unique and greppable in one place.</summary>
internal static partial class RegistryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Registry storage ready at {DataDirectory}")]
    public static partial void StorageReady(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Removed leftover of an interrupted write: {Path}")]
    public static partial void LeftoverRemoved(ILogger logger, string path);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: {Reason}")]
    public static partial void AuthenticationRejected(ILogger logger, string method, string path, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Method} {Path} answered {StatusCode} {ErrorCode}: {ErrorMessage}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int statusCode, string errorCode, string errorMessage);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Upload {UploadId} started for {Repository}")]
    public static partial void UploadStarted(ILogger logger, string repository, string uploadId);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Upload {UploadId} for {Repository} received {Bytes} bytes, {TotalBytes} in total")]
    public static partial void UploadChunkAppended(ILogger logger, string repository, string uploadId, long bytes, long totalBytes);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Upload {UploadId} for {Repository} cancelled")]
    public static partial void UploadCancelled(ILogger logger, string repository, string uploadId);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Upload {UploadId} for {Repository} exceeded {LimitBytes} bytes; discarded")]
    public static partial void UploadTooLarge(ILogger logger, string repository, string uploadId, long limitBytes);

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Upload {UploadId} for {Repository} claimed {ExpectedDigest} but hashed to {ActualDigest}; discarded")]
    public static partial void UploadDigestMismatch(ILogger logger, string repository, string uploadId, string expectedDigest, string actualDigest);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Blob {Digest} ({SizeBytes} bytes) stored in {Repository}")]
    public static partial void BlobCommitted(ILogger logger, string repository, string digest, long sizeBytes);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Blob {Digest} mounted into {Repository} from {SourceRepository}")]
    public static partial void BlobMounted(ILogger logger, string repository, string sourceRepository, string digest);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Blob {Digest} unlinked from {Repository}")]
    public static partial void BlobDeleted(ILogger logger, string repository, string digest);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Manifest {Digest} ({MediaType}) stored in {Repository}")]
    public static partial void ManifestStored(ILogger logger, string repository, string digest, string mediaType);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Tag {Repository}:{Tag} created for {Digest}")]
    public static partial void TagCreated(ILogger logger, string repository, string tag, string digest);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Refused to move immutable tag {Repository}:{Tag} from {ExistingDigest} to {AttemptedDigest}")]
    public static partial void TagConflict(ILogger logger, string repository, string tag, string existingDigest, string attemptedDigest);

    [LoggerMessage(EventId = 17, Level = LogLevel.Information, Message = "Manifest {Digest} deleted from {Repository}")]
    public static partial void ManifestDeleted(ILogger logger, string repository, string digest);

    [LoggerMessage(EventId = 18, Level = LogLevel.Information, Message = "Tag {Repository}:{Tag} deleted")]
    public static partial void TagDeleted(ILogger logger, string repository, string tag);

    [LoggerMessage(EventId = 19, Level = LogLevel.Debug, Message = "Upload {UploadId} re-hashed {Bytes} bytes from disk (resumed after a restart or a failed write)")]
    public static partial void UploadRehashed(ILogger logger, string uploadId, long bytes);
}
