namespace MiniPaas.LogAggregator.Drains;

/// <summary>DrainDefinition is what is persisted of a drain in <c>drains.json</c>.</summary>
internal sealed record DrainDefinition(string Id, string App, string Url);
