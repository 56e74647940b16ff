using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Query;

/// <summary>SubscribedLine is a line delivered to a subscriber, with how many matching lines it missed just before it.</summary>
internal readonly record struct SubscribedLine(LogLine Line, long SkippedBefore);
