using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Manifests;
using MiniPaas.Cli.Push;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas push [APP] [-p PATH] [-i N] [-m 64M] [-k 1G] [-c CMD] [-s STACK] [--health-check-type T]
/// [--endpoint /health] [--strategy rolling|recreate] [-f minipaas.yml]</c>: upload, stage and roll out an app.
/// </summary>
internal static class PushCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = new Argument<string?>("APP") { Description = "The app's name (default: name: in the manifest)", Arity = ArgumentArity.ZeroOrOne };
        var path = new Option<string?>("--path", "-p") { Description = "The app directory (default: path: in the manifest, else the current directory)" };
        var instances = new Option<int?>("--instances", "-i") { Description = "Number of instances" };
        var memory = new Option<string?>("--memory", "-m") { Description = "Memory per instance, e.g. 64M or 1G" };
        var disk = new Option<string?>("--disk", "-k") { Description = "Disk per instance, e.g. 256M or 1G" };
        var startCommand = new Option<string?>("--command", "-c") { Description = "Start command (default: what the stack detects)" };
        var stack = new Option<string?>("--stack", "-s") { Description = "Stack to stage with: busybox or dotnet (default: detected)" };
        var healthType = new Option<string?>("--health-check-type", "-u") { Description = "port (default), http or process" };
        healthType.AcceptOnlyFromAmong([.. ManifestHealthCheck.KnownTypes]);
        var endpoint = new Option<string?>("--endpoint") { Description = "Path of the http health check, e.g. /health" };
        var strategy = new Option<string?>("--strategy") { Description = "rolling (default: one instance at a time) or recreate (all at once)" };
        strategy.AcceptOnlyFromAmong([.. DeploymentPlanner.Strategies]);
        var manifest = new Option<string?>("--manifest", "-f") { Description = "Manifest file (default: minipaas.yml in the app directory)" };
        var loadBalancing = new Option<string?>("--load-balancing") { Description = "How the router spreads requests: round_robin (default), least_requests or power_of_two_choices" };
        loadBalancing.AcceptOnlyFromAmong([.. ManifestParser.LoadBalancingPolicies]);
        var sticky = new Option<bool?>("--sticky-sessions") { Description = "Pin each client to one instance with a cookie (true or false)" };

        var command = new Command("push", "Upload an app directory, stage it into an image and roll it out")
        {
            app, path, instances, memory, disk, startCommand, stack, healthType, endpoint, strategy, manifest, loadBalancing, sticky,
        };
        runner.Bind(command, async invocation =>
        {
            var flags = new PushFlags
            {
                AppName = invocation.Get(app),
                Path = invocation.Get(path),
                Instances = invocation.Get(instances),
                Memory = invocation.Get(memory),
                Disk = invocation.Get(disk),
                Command = invocation.Get(startCommand),
                Stack = invocation.Get(stack),
                HealthCheckType = invocation.Get(healthType),
                HealthCheckEndpoint = invocation.Get(endpoint),
                Strategy = invocation.Get(strategy),
                ManifestPath = invocation.Get(manifest),
                LoadBalancing = invocation.Get(loadBalancing),
                StickySessions = invocation.Get(sticky),
            };
            var plan = DeploymentPlanner.Plan(flags, invocation.Context.WorkingDirectory);
            var result = await new PushWorkflow(invocation).RunAsync(plan);
            if (!result.RolloutComplete)
            {
                var progress = Output.InstanceProgress.Describe(result.App, result.Release?.Version ?? 0);
                throw new CliException($"the rollout did not finish ({progress}); see `minipaas events {plan.AppName}` and `minipaas app {plan.AppName}`");
            }

            return 0;
        });
        return command;
    }
}
