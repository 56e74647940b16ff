using MiniPaas.Cli.Hosting;
using Spectre.Console;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>Runs the whole <c>minipaas</c> command tree in-process with captured output and a private environment.</summary>
internal sealed class CliRun
{
    /// <summary>Environment variables the CLI sees; nothing of the test process leaks in except what is copied here.</summary>
    public Dictionary<string, string> Environment { get; } = new(StringComparer.Ordinal);

    public string WorkingDirectory { get; set; } = Path.GetTempPath();

    /// <summary>Answers to confirmation prompts; null means stdin is not a terminal.</summary>
    public Queue<string>? Answers { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        var context = new CliContext
        {
            Out = console,
            Error = stderr,
            Environment = name => Environment.GetValueOrDefault(name),
            WorkingDirectory = WorkingDirectory,
            ReadAnswer = Answers is null ? null : () => Answers.Count > 0 ? Answers.Dequeue() : null,
        };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await CliApplication.RunAsync(context, args, timeout.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }
}
