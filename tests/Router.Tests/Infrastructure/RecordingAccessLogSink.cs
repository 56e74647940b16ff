using System.Collections.Concurrent;
using MiniPaas.Router.AccessLog;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>An extra access-log sink that keeps entries, the way a shipping sink would receive them.</summary>
internal sealed class RecordingAccessLogSink : IAccessLogSink
{
    public ConcurrentQueue<AccessLogEntry> Entries { get; } = new();

    public void Write(AccessLogEntry entry) => Entries.Enqueue(entry);
}
