using System.Threading.Channels;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// ChannelProgress queues progress lines in order from any thread, unlike Progress&lt;T&gt;,
/// which posts each report to the thread pool and may reorder them.
/// </summary>
internal sealed class ChannelProgress : IProgress<string>
{
    private readonly ChannelWriter<string> _writer;

    public ChannelProgress(ChannelWriter<string> writer)
    {
        _writer = writer;
    }

    public void Report(string value) => _writer.TryWrite(value);
}
