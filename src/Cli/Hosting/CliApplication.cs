using System.CommandLine;
using System.CommandLine.Help;
using MiniPaas.Cli.Commands;

namespace MiniPaas.Cli.Hosting;

/// <summary>CliApplication assembles the <c>minipaas</c> command tree and runs it against a <see cref="CliContext"/>.</summary>
internal static class CliApplication
{
    /// <summary>
    /// Builds the root command with every subcommand bound to <paramref name="context"/>. It is a
    /// plain command named <c>minipaas</c> rather than a RootCommand, whose name would be the dll's
    /// (MiniPaas.Cli) in every usage line.
    /// </summary>
    public static Command Create(CliContext context)
    {
        var globals = new GlobalOptions();
        var runner = new CommandRunner(context, globals);
        var root = new Command("minipaas", "Push apps to a self-hosted mini-PaaS, and run the platform itself (up, down, status)");
        root.Add(new HelpOption());
        globals.AddTo(root);
        root.Add(PushCommand.Create(runner));
        root.Add(AppsCommand.Create(runner));
        root.Add(AppCommand.Create(runner));
        root.Add(ScaleCommand.Create(runner));
        foreach (var command in AppStateCommands.Create(runner))
        {
            root.Add(command);
        }

        root.Add(DeleteCommand.Create(runner));
        root.Add(ReleasesCommand.Create(runner));
        root.Add(RollbackCommand.Create(runner));
        foreach (var command in RouteCommands.Create(runner))
        {
            root.Add(command);
        }

        foreach (var command in ServiceCommands.Create(runner))
        {
            root.Add(command);
        }

        root.Add(NodesCommand.Create(runner));
        foreach (var command in NodeAdminCommands.Create(runner))
        {
            root.Add(command);
        }

        root.Add(EventsCommand.Create(runner));
        root.Add(LogsCommand.Create(runner));
        foreach (var command in DrainCommands.Create(runner))
        {
            root.Add(command);
        }

        root.Add(UpCommand.Create(runner));
        root.Add(DownCommand.Create(runner));
        root.Add(StatusCommand.Create(runner));
        root.Add(DashboardCommand.Create(runner));
        root.Add(DemoCommand.Create(runner));
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static Task<int> RunAsync(CliContext context, string[] args, CancellationToken cancellationToken)
    {
        var configuration = new InvocationConfiguration { Output = context.RawOut, Error = context.Error };
        return Create(context).Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
