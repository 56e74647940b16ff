using System.CommandLine;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// Backing services: <c>create-service-broker</c>, <c>service-brokers</c>, <c>marketplace</c>,
/// <c>create-service SERVICE PLAN NAME</c>, <c>services</c>, <c>service NAME</c>,
/// <c>bind-service APP NAME</c>, <c>unbind-service APP NAME</c>, <c>delete-service NAME</c>.
/// </summary>
internal static class ServiceCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return CreateBroker(runner);
        yield return Simple(runner, "service-brokers", "List the registered service brokers", async (invocation, services) =>
        {
            var reply = await services.ListServiceBrokersAsync(invocation.CancellationToken);
            Show(invocation, reply, reply.Brokers.Count == 0 ? "no service brokers (minipaas create-service-broker NAME URL ...)" : null,
                () => ServiceTables.Brokers(reply, invocation.Context.Time.LocalTimeZone));
        });
        yield return Simple(runner, "marketplace", "List the services and plans the brokers offer", async (invocation, services) =>
        {
            var reply = await services.MarketplaceAsync(invocation.CancellationToken);
            Show(invocation, reply, reply.Services.Count == 0 ? "no services offered (register a broker with minipaas create-service-broker)" : null,
                () => ServiceTables.Marketplace(reply));
        });
        yield return CreateService(runner);
        yield return Simple(runner, "services", "List service instances", async (invocation, services) =>
        {
            var reply = await services.ListServicesAsync(invocation.CancellationToken);
            Show(invocation, reply, reply.Services.Count == 0 ? "no services" : null, () => ServiceTables.Services(reply));
        });
        yield return Named(runner, "service", "Show a service instance", async (invocation, services, name) =>
        {
            var reply = await services.GetServiceAsync(name, invocation.CancellationToken);
            Show(invocation, reply, null, () => ServiceTables.Service(reply, invocation.Context.Time.LocalTimeZone));
        });
        yield return Binding(runner, "bind-service", "Bind a service instance to an app (its instances are rolled to get VCAP_SERVICES)", async (invocation, services, app, name) =>
        {
            var reply = await services.BindServiceAsync(app, name, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"bound {name} to {app}; its instances are being replaced with {string.Join(", ", reply.EnvNames)}");
            }
        });
        yield return Binding(runner, "unbind-service", "Unbind a service instance from an app (its instances are rolled)", async (invocation, services, app, name) =>
        {
            var reply = await services.UnbindServiceAsync(app, name, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"unbound {name} from {app}; its instances are being replaced");
            }
        });
        yield return Named(runner, "delete-service", "Delete a service instance (refused while apps are bound to it)", async (invocation, services, name) =>
        {
            var reply = await services.DeleteServiceAsync(name, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"deleted service {name}");
            }
        });
    }

    private static Command CreateBroker(CommandRunner runner)
    {
        var name = new Argument<string>("NAME") { Description = "The broker's name, e.g. minipaas" };
        var url = new Argument<string>("URL") { Description = "Where the broker answers, e.g. http://127.0.0.1:7090" };
        var username = new Option<string?>("--username") { Description = "Basic-auth username the broker expects", Required = true };
        var password = new Option<string?>("--password") { Description = "Basic-auth password the broker expects", Required = true };
        var command = new Command("create-service-broker", "Register an Open Service Broker (its catalog joins the marketplace)") { name, url, username, password };
        runner.Bind(command, async invocation =>
        {
            using var services = Client(invocation);
            var reply = await services.CreateServiceBrokerAsync(
                new CreateServiceBrokerRequest { Name = invocation.Get(name)!, Url = invocation.Get(url)!, Username = invocation.Get(username)!, Password = invocation.Get(password)! },
                invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"service broker {reply.Name} registered at {reply.Url}: {(reply.Services.Count == 0 ? "no services" : string.Join(", ", reply.Services))}");
            }

            return 0;
        });
        return command;
    }

    private static Command CreateService(CommandRunner runner)
    {
        var service = new Argument<string>("SERVICE") { Description = "The service offering, e.g. postgresql (see marketplace)" };
        var plan = new Argument<string>("PLAN") { Description = "The plan, e.g. small" };
        var name = new Argument<string>("NAME") { Description = "A name for the new service instance" };
        var command = new Command("create-service", "Create a service instance (waits for asynchronous plans, showing progress)") { service, plan, name };
        runner.Bind(command, async invocation =>
        {
            using var services = Client(invocation);
            ServiceInstanceSummary? last = null;
            await foreach (var progress in services.CreateServiceAsync(
                new CreateServiceRequest { Service = invocation.Get(service)!, Plan = invocation.Get(plan)!, Name = invocation.Get(name)! },
                invocation.CancellationToken))
            {
                // Progress lines go to stderr in --json mode (Say), so stdout stays one document.
                invocation.Say(progress.Message);
                last = progress.Instance ?? last;
            }

            if (invocation.Json && last is not null)
            {
                invocation.WriteJson(last);
            }

            return 0;
        });
        return command;
    }

    private static Command Simple(CommandRunner runner, string commandName, string description, Func<Invocation, ServicesClient, Task> run)
    {
        var command = new Command(commandName, description);
        runner.Bind(command, async invocation =>
        {
            using var services = Client(invocation);
            await run(invocation, services);
            return 0;
        });
        return command;
    }

    private static Command Named(CommandRunner runner, string commandName, string description, Func<Invocation, ServicesClient, string, Task> run)
    {
        var name = new Argument<string>("NAME") { Description = "The service instance's name" };
        var command = new Command(commandName, description) { name };
        runner.Bind(command, async invocation =>
        {
            using var services = Client(invocation);
            await run(invocation, services, invocation.Get(name)!);
            return 0;
        });
        return command;
    }

    private static Command Binding(CommandRunner runner, string commandName, string description, Func<Invocation, ServicesClient, string, string, Task> run)
    {
        var app = AppArgument.Create();
        var name = new Argument<string>("NAME") { Description = "The service instance's name" };
        var command = new Command(commandName, description) { app, name };
        runner.Bind(command, async invocation =>
        {
            using var services = Client(invocation);
            await run(invocation, services, invocation.Get(app)!, invocation.Get(name)!);
            return 0;
        });
        return command;
    }

    private static void Show(Invocation invocation, Google.Protobuf.IMessage reply, string? emptyLine, Func<Spectre.Console.Rendering.IRenderable> table)
    {
        if (invocation.Json)
        {
            invocation.WriteJson(reply);
        }
        else if (emptyLine is not null)
        {
            invocation.Say(emptyLine);
        }
        else
        {
            invocation.Write(table());
        }
    }

    private static ServicesClient Client(Invocation invocation) => new(invocation.Connection, invocation.Context.Time);
}
