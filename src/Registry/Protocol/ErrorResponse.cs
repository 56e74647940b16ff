namespace MiniPaas.Registry.Protocol;

/// <summary>The spec's error body: <c>{"errors":[{"code":..,"message":..,"detail":..}]}</c>.</summary>
internal sealed record ErrorResponse(IReadOnlyList<ErrorEntry> Errors);
