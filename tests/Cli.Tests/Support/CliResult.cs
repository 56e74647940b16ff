namespace MiniPaas.Cli.Tests.Support;

/// <summary>The exit code and captured output of one in-process CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<string> StdoutRows => RenderedText.Rows(Stdout);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
