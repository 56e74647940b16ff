namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>One log event written by the server under test.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message);
