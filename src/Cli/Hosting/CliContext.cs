using Spectre.Console;

namespace MiniPaas.Cli.Hosting;

/// <summary>
/// CliContext is everything a command touches outside its arguments: the consoles, the environment,
/// the working directory, the clock and stdin. Program.cs builds it from the real process; tests
/// build it over string writers and a dictionary so they can run whole commands in-process.
/// </summary>
internal sealed record CliContext
{
    /// <summary>Standard output (tables, progress, JSON).</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Standard error (errors, and progress lines in <c>--json</c> mode so stdout stays parseable).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Reads an environment variable.</summary>
    public required Func<string, string?> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reads one line of the user's answer (confirmations); null when stdin is not a terminal.</summary>
    public Func<string?>? ReadAnswer { get; init; }

    /// <summary>The raw writer behind <see cref="Out"/>, for JSON that must not be wrapped or styled.</summary>
    public TextWriter RawOut => Out.Profile.Out.Writer;

    /// <summary>The context of this process: the real terminal (or redirection), environment and clock.</summary>
    public static CliContext FromProcess()
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            // Escape codes in a pipe or a file only get in the way of grep and diff.
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            // A pipe has no width; without this, tables would wrap at 80 columns in scripts and logs.
            console.Profile.Width = 250;
        }

        return new CliContext
        {
            Out = console,
            Error = Console.Error,
            Environment = System.Environment.GetEnvironmentVariable,
            WorkingDirectory = Directory.GetCurrentDirectory(),
            ReadAnswer = Console.IsInputRedirected ? null : Console.ReadLine,
        };
    }
}
