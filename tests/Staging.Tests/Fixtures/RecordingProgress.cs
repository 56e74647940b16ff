namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Keeps every staging output line, synchronously and thread-safely (unlike Progress&lt;T&gt;).</summary>
internal sealed class RecordingProgress : IProgress<string>
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public void Report(string value)
    {
        lock (_lines)
        {
            _lines.Add(value);
        }
    }

    public override string ToString() => string.Join('\n', Lines);
}
