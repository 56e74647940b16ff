using System.CommandLine;
using System.Text.Json.Nodes;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Dashboard;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas dashboard [--dashboard URL]</c>: prints a fresh one-time login link to the
/// scheduler's web dashboard. The address comes from <c>--dashboard</c>, then
/// <c>MINIPAAS_DASHBOARD</c>, then config.json (<c>dashboard</c>, written by <c>up</c>), then
/// <c>http://127.0.0.1:7071</c>; the admin token as for every other command.
/// </summary>
internal static class DashboardCommand
{
    /// <summary>Where the dashboard is when nothing says otherwise.</summary>
    public const string DefaultAddress = "http://127.0.0.1:7071";

    public static Command Create(CommandRunner runner)
    {
        var address = new Option<string?>("--dashboard") { Description = $"Dashboard address (env MINIPAAS_DASHBOARD; default from config.json, else {DefaultAddress})" };
        var command = new Command("dashboard", "Print a one-time login link to the web dashboard") { address };
        runner.Bind(command, async invocation =>
        {
            var text = invocation.Get(address)
                ?? NonEmpty(invocation.Context.Environment("MINIPAAS_DASHBOARD"))
                ?? PlatformConfig.Load(invocation.Home)?.Dashboard
                ?? DefaultAddress;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var dashboard) || dashboard.Scheme != Uri.UriSchemeHttp)
            {
                throw new CliException($"dashboard address \"{text}\" is not an http:// URL");
            }

            var token = invocation.Connection.Token
                ?? throw new CliException($"no admin token: run `minipaas up`, or set MINIPAAS_TOKEN or --token ({invocation.Connection.TokenSource})");
            var link = await DashboardLogin.CreateLinkAsync(dashboard, token, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.Context.RawOut.WriteLine(JsonReply.Format(new JsonObject
                {
                    ["url"] = link.Url,
                    ["expiresAt"] = link.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                }));
            }
            else
            {
                invocation.Say(link.Url);
                invocation.Say("(one-time login link, valid 5 minutes)");
            }

            return 0;
        });
        return command;
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
