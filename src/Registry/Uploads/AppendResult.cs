namespace MiniPaas.Registry.Uploads;

/// <summary>Outcome of streaming one request body into an upload.</summary>
internal readonly record struct AppendResult(long AppendedBytes, bool LimitExceeded);
