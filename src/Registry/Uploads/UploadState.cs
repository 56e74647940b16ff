namespace MiniPaas.Registry.Uploads;

/// <summary>What is persisted about an upload besides its bytes; enough to resume it after a restart.</summary>
internal sealed record UploadState(string Repository, DateTimeOffset StartedAt);
