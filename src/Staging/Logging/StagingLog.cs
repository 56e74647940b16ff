using Microsoft.Extensions.Logging;

namespace MiniPaas.Staging.Logging;

/// <summary>Source-generated log messages, so logging costs nothing when the level is off.</summary>
internal static partial class StagingLog
{
    [LoggerMessage(EventId = StagingEventIds.StagingStarted, Level = LogLevel.Information, Message = "Staging app {AppName} from {SourceDirectory}")]
    public static partial void StagingStarted(ILogger logger, string appName, string sourceDirectory);

    [LoggerMessage(EventId = StagingEventIds.StagingCompleted, Level = LogLevel.Information, Message = "Staged app {AppName} as {Repository}@{ManifestDigest} on stack {Stack} in {ElapsedMilliseconds} ms")]
    public static partial void StagingCompleted(ILogger logger, string appName, string repository, string manifestDigest, string stack, long elapsedMilliseconds);

    [LoggerMessage(EventId = StagingEventIds.StagingFailed, Level = LogLevel.Warning, Message = "Staging app {AppName} failed")]
    public static partial void StagingFailed(ILogger logger, string appName, Exception exception);

    [LoggerMessage(EventId = StagingEventIds.StackDetected, Level = LogLevel.Debug, Message = "App {AppName} uses stack {Stack}")]
    public static partial void StackDetected(ILogger logger, string appName, string stack);

    [LoggerMessage(EventId = StagingEventIds.StackLayerCacheHit, Level = LogLevel.Debug, Message = "Stack layer {LayerName} found in cache as {Digest}")]
    public static partial void StackLayerCacheHit(ILogger logger, string layerName, string digest);

    [LoggerMessage(EventId = StagingEventIds.StackLayerBuilt, Level = LogLevel.Information, Message = "Built stack layer {LayerName} as {Digest} ({Size} bytes)")]
    public static partial void StackLayerBuilt(ILogger logger, string layerName, string digest, long size);

    [LoggerMessage(EventId = StagingEventIds.PublishStarted, Level = LogLevel.Information, Message = "Publishing {ProjectFile}")]
    public static partial void PublishStarted(ILogger logger, string projectFile);

    [LoggerMessage(EventId = StagingEventIds.PublishCompleted, Level = LogLevel.Information, Message = "Published {ProjectFile} with exit code {ExitCode} in {ElapsedMilliseconds} ms")]
    public static partial void PublishCompleted(ILogger logger, string projectFile, int exitCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = StagingEventIds.BlobSkipped, Level = LogLevel.Debug, Message = "Blob {Digest} already in {Repository}")]
    public static partial void BlobSkipped(ILogger logger, string repository, string digest);

    [LoggerMessage(EventId = StagingEventIds.BlobUploaded, Level = LogLevel.Debug, Message = "Uploaded blob {Digest} ({Size} bytes) to {Repository}")]
    public static partial void BlobUploaded(ILogger logger, string repository, string digest, long size);

    [LoggerMessage(EventId = StagingEventIds.BlobMounted, Level = LogLevel.Debug, Message = "Mounted blob {Digest} into {Repository} from {SourceRepository}")]
    public static partial void BlobMounted(ILogger logger, string repository, string digest, string sourceRepository);

    [LoggerMessage(EventId = StagingEventIds.ManifestPushed, Level = LogLevel.Information, Message = "Pushed manifest {Digest} to {Repository}")]
    public static partial void ManifestPushed(ILogger logger, string repository, string digest);

    [LoggerMessage(EventId = StagingEventIds.NativeLibraryMissing, Level = LogLevel.Warning, Message = "{Binary} needs {Library}, which the host does not have; the image will lack it too")]
    public static partial void NativeLibraryMissing(ILogger logger, string binary, string library);
}
