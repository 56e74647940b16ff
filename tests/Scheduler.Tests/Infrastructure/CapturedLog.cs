using Microsoft.Extensions.Logging;

namespace MiniPaas.Scheduler.Tests.Infrastructure;

/// <summary>One log entry with its structured properties ({Name} placeholders of the message template).</summary>
internal sealed record CapturedLog(string Category, int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Properties);
