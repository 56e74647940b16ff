namespace MiniPaas.Broker.Servers;

/// <summary>Outcome of a finished command.</summary>
internal sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The output to quote in an error message: stderr when there is any, else stdout.</summary>
    public string Diagnostics => (string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError).Trim();
}
