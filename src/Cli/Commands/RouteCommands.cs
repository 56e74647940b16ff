using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas routes [APP]</c>, <c>map-route APP HOST [--path /api]</c>, <c>unmap-route APP HOST [--path /api]</c>:
/// the host names (and path prefixes) the router sends to an app, besides the default <c>APP.&lt;apps domain&gt;</c>.
/// </summary>
internal static class RouteCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return List(runner);
        yield return Change(runner, "map-route", "Send a host (and path prefix) to an app", "mapped",
            (invocation, request) => invocation.Controller.MapRouteAsync(request, invocation.CancellationToken));
        yield return Change(runner, "unmap-route", "Stop sending a host (and path prefix) to an app", "unmapped",
            (invocation, request) => invocation.Controller.UnmapRouteAsync(request, invocation.CancellationToken));
    }

    private static Command List(CommandRunner runner)
    {
        var app = new Argument<string?>("APP") { Description = "The app's name (default: every app)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("routes", "List the routes of an app, or of every app") { app };
        runner.Bind(command, async invocation =>
        {
            var reply = await invocation.Controller.ListRoutesAsync(invocation.Get(app) ?? "", invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Routes.Count == 0)
            {
                invocation.Say("no routes");
            }
            else
            {
                invocation.Write(ReplyTables.Routes(reply));
            }

            return 0;
        });
        return command;
    }

    private static Command Change(
        CommandRunner runner, string name, string description, string pastTense, Func<Invocation, MapRouteRequest, Task<RouteSummary>> call)
    {
        var app = AppArgument.Create();
        var host = new Argument<string>("HOST") { Description = "Host name, e.g. www.localhost" };
        var path = new Option<string?>("--path") { Description = "Path prefix, e.g. /api (default: every path)" };
        var command = new Command(name, description) { app, host, path };
        runner.Bind(command, async invocation =>
        {
            var prefix = invocation.Get(path) ?? "";
            if (prefix.Length > 0 && !prefix.StartsWith('/'))
            {
                throw new CliException($"--path: \"{prefix}\" is not a path prefix (it must start with /, e.g. /api)");
            }

            var route = await call(invocation, new MapRouteRequest { App = invocation.Get(app)!, Host = invocation.Get(host)!, PathPrefix = prefix });
            if (invocation.Json)
            {
                invocation.WriteJson(route);
            }
            else
            {
                invocation.Say($"{pastTense} {route.Host}{route.PathPrefix} {(pastTense == "mapped" ? "to" : "from")} {route.App}" +
                    (route.Url.Length > 0 && pastTense == "mapped" ? $": {route.Url}" : ""));
            }

            return 0;
        });
        return command;
    }
}
