namespace MiniPaas.LogAggregator.Ingest;

/// <summary>InstanceKey names one rate-limited source: an app's source type and instance.</summary>
internal readonly record struct InstanceKey(string App, string SourceType, string SourceInstance)
{
    public string Tag => string.IsNullOrEmpty(SourceInstance) ? SourceType : SourceType + "/" + SourceInstance;
}
