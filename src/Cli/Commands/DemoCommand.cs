using System.CommandLine;
using MiniPaas.Cli.Demo;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas demo chaos [APP]</c>: kill instances and an agent under load and time the recovery.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandRunner runner)
    {
        var defaults = new ChaosDemoOptions();
        var app = new Argument<string?>("APP") { Description = $"The app to push from samples/hello and attack (default {defaults.App})", Arity = ArgumentArity.ZeroOrOne };
        var workers = new Option<int>("--workers") { Description = "Concurrent load workers", DefaultValueFactory = _ => defaults.Workers };
        var kills = new Option<int>("--instance-kills") { Description = "Instances killed with docker kill before the agent", DefaultValueFactory = _ => defaults.InstanceKills };
        var stepTimeout = new Option<int>("--step-timeout") { Description = "Seconds one recovery may take", DefaultValueFactory = _ => (int)defaults.StepTimeout.TotalSeconds };
        var chaos = new Command(
            "chaos",
            $"Push samples/hello with {defaults.Instances} instances, keep a load on it through the router, docker-kill instances, " +
            "then SIGKILL one agent `up` started, and print when each was noticed, replaced and routable again")
        {
            app, workers, kills, stepTimeout,
        };
        runner.Bind(chaos, async invocation =>
        {
            var options = new ChaosDemoOptions
            {
                App = invocation.Get(app) ?? defaults.App,
                Workers = Positive(invocation.Get(workers), "--workers", 64),
                InstanceKills = Positive(invocation.Get(kills), "--instance-kills", defaults.Instances - 1),
                StepTimeout = TimeSpan.FromSeconds(Positive(invocation.Get(stepTimeout), "--step-timeout", 600)),
            };
            var report = await new ChaosDemo(invocation, options).RunAsync();
            if (invocation.Json)
            {
                invocation.Context.RawOut.WriteLine(JsonReply.Format(report.ToJson()));
            }
            else
            {
                invocation.Write(report.ToTable());
                foreach (var line in report.SummaryLines())
                {
                    invocation.Say(line);
                }
            }

            var killedAgent = report.Steps.LastOrDefault(s => s.Kind == "agent SIGKILL")?.Target;
            invocation.Context.Error.WriteLine(
                $"{killedAgent} stays down: run `minipaas up` with the same flags to start it again; it registers and stops the containers it left running");
            return report.ZeroFailuresMet && report.InstanceKillTargetMet && report.AgentKillTargetMet ? 0 : CommandRunner.Failure;
        });
        return new Command("demo", "Demonstrations against the running platform") { chaos };
    }

    private static int Positive(int value, string option, int max) =>
        value >= 1 && value <= max ? value : throw new CliException($"{option}: must be between 1 and {max}, not {value}");
}
