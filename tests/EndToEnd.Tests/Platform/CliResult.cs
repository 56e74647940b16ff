namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>CliResult is what one run of the real <c>minipaas</c> CLI printed and returned.</summary>
public sealed record CliResult(string CommandLine, int ExitCode, string Stdout, string Stderr)
{
    public CliResult EnsureSuccess()
    {
        if (ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{CommandLine}` exited with {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        }

        return this;
    }
}
