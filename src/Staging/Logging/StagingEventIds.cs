namespace MiniPaas.Staging.Logging;

/// <summary>Every log event id of the staging library, kept in one place so ids never collide.</summary>
internal static class StagingEventIds
{
    public const int StagingStarted = 3000;
    public const int StagingCompleted = 3001;
    public const int StagingFailed = 3002;
    public const int StackDetected = 3010;
    public const int StackLayerCacheHit = 3011;
    public const int StackLayerBuilt = 3012;
    public const int PublishStarted = 3020;
    public const int PublishCompleted = 3021;
    public const int BlobSkipped = 3030;
    public const int BlobUploaded = 3031;
    public const int ManifestPushed = 3032;
    public const int BlobMounted = 3033;
    public const int NativeLibraryMissing = 3040;
}
