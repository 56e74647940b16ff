using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Units;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas scale APP -i N [-m MEM]</c>: change the number of instances (and their memory).</summary>
internal static class ScaleCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = AppArgument.Create();
        var instances = new Option<int>("--instances", "-i") { Description = "Number of instances (0 keeps the app defined but runs nothing)", Required = true };
        var memory = new Option<string?>("--memory", "-m") { Description = "Memory per instance, e.g. 64M or 1G (default: unchanged)" };
        var command = new Command("scale", "Change an app's instance count and memory") { app, instances, memory };
        runner.Bind(command, async invocation =>
        {
            var count = invocation.Get(instances);
            if (count < 0)
            {
                throw new CliException($"--instances: must be at least 0, not {count}");
            }

            long memoryMb = 0;
            if (invocation.Get(memory) is { } memoryText && !MegabyteSize.TryParse(memoryText, out memoryMb))
            {
                throw new CliException($"--memory: \"{memoryText}\" is not a size ({MegabyteSize.Hint})");
            }

            var detail = await invocation.Controller.ScaleAsync(
                new ScaleRequest { App = invocation.Get(app)!, Instances = count, MemoryMb = memoryMb },
                invocation.CancellationToken);
            invocation.Say($"scaled {detail.Summary?.Name}: {detail.Summary?.DesiredInstances} instance(s) of {MegabyteSize.Format(detail.Summary?.MemoryMb ?? 0)}");
            AppCommand.Show(invocation, detail);
            return 0;
        });
        return command;
    }
}
