namespace MiniPaas.Scheduler.LogShipping;

/// <summary>Passes each staging line to the push's own output and to a second consumer, in the same call, so both see the same order.</summary>
internal sealed class StagingOutputTee(IProgress<string> output, Action<string> copy) : IProgress<string>
{
    public void Report(string value)
    {
        output.Report(value);
        copy(value);
    }
}
