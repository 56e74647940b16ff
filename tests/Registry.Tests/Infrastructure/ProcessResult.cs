namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>Exit code and output of a finished external command.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
