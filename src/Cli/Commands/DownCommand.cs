using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Platform;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas down [--docker] [--home DIR]</c>: stop what <c>up</c> started (see <see cref="PlatformDown"/>).</summary>
internal static class DownCommand
{
    public static Command Create(CommandRunner runner)
    {
        var docker = new Option<bool>("--docker") { Description = "Also stop the Docker engine, if `up` started it" };
        var command = new Command("down", "Stop every process `up` started (agents leave their app containers running)") { docker };
        runner.Bind(command, async invocation =>
        {
            await new PlatformDown(invocation, invocation.Home).RunAsync(invocation.Get(docker));
            return 0;
        });
        return command;
    }
}
