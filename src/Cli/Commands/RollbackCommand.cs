using System.CommandLine;
using System.Globalization;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas rollback APP [--to vN]</c>: run an earlier release again (by default the one before the current).</summary>
internal static class RollbackCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = AppArgument.Create();
        var to = new Option<string?>("--to") { Description = "Release to go back to: v3 or 3 (default: the release before the current one)" };
        var command = new Command("rollback", "Roll an app back to an earlier release") { app, to };
        runner.Bind(command, async invocation =>
        {
            var version = ParseVersion(invocation.Get(to));
            var detail = await invocation.Controller.RollbackAsync(invocation.Get(app)!, version, invocation.CancellationToken);
            var description = detail.Release?.Description is { Length: > 0 } text ? $" ({text})" : "";
            invocation.Say($"rolled {detail.Summary?.Name} back: now running {Humanize.Version(detail.Release?.Version ?? 0)}{description}");
            AppCommand.Show(invocation, detail);
            return 0;
        });
        return command;
    }

    /// <summary>Parses <c>v3</c> or <c>3</c>; null text means 0, "the release before the current one".</summary>
    public static int ParseVersion(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        var digits = text.Trim().TrimStart('v', 'V');
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0
            ? version
            : throw new CliException($"--to: \"{text}\" is not a release version (use v3 or 3)");
    }
}
