namespace MiniPaas.Scheduler.Domain;

/// <summary>ReleaseKey identifies a release: an app and a version.</summary>
internal readonly record struct ReleaseKey(string App, int Version);
