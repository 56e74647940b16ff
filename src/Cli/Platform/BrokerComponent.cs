using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// BrokerComponent is the service broker as <c>up</c> runs it (settings <c>MiniPaas:Broker:*</c>,
/// password in <c>MiniPaas__Broker__Password</c>, never argv) and its registration with the
/// controller as broker <c>minipaas</c>, which the controller treats as a no-op when repeated.
/// </summary>
internal static class BrokerComponent
{
    /// <summary>The broker's name in the controller (<c>minipaas service-brokers</c>).</summary>
    public const string BrokerName = "minipaas";

    /// <summary>The basic-auth username the platform uses with its own broker.</summary>
    public const string Username = "platform";

    public static PlatformComponent Create(PlatformLayout layout, PlatformConfig config, BuildOutputs build) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = "broker",
            Argv =
            [
                Executables.DotnetHost(), build.Dll("Broker"),
                "--urls", layout.BrokerUrl.GetLeftPart(UriPartial.Authority),
                $"--MiniPaas:Broker:DataDirectory={DataDirectory(layout.Home)}",
                $"--MiniPaas:Broker:Username={Username}",
                $"--MiniPaas:Broker:Postgres:Port={layout.BrokerPostgresPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:Broker:Redis:Port={layout.BrokerRedisPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:LogAggregatorAddress={layout.LogsUrl.GetLeftPart(UriPartial.Authority)}",
            ],
            Environment = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MiniPaasHome.Variable] = layout.Home,
                ["MiniPaas__Broker__Password"] = config.BrokerPassword!,
                ["MiniPaas__LogAggregatorToken"] = config.LogsToken!,
            },
        },
        Address = layout.BrokerUrl.GetLeftPart(UriPartial.Authority) + string.Create(CultureInfo.InvariantCulture, $" (postgres :{layout.BrokerPostgresPort}, redis :{layout.BrokerRedisPort})"),
        Ports = [(layout.BrokerPort, "--broker-port"), (layout.BrokerPostgresPort, "the broker's PostgreSQL port"), (layout.BrokerRedisPort, "the broker's Redis port")],
        ReadyWhen = "answering /healthz",
        IsReady = ct => ReadinessProbes.HttpAnswersAsync(new Uri(layout.BrokerUrl, "/healthz"), ct),
    };

    /// <summary>
    /// Where the broker keeps its state: <c>HOME/broker</c> when the PostgreSQL OS user can enter it
    /// (every parent searchable by others), else — as for the default home under /root, mode 0700 —
    /// <c>/var/lib/minipaas/broker-HASH</c>, one per home so two platforms never share a cluster.
    /// </summary>
    public static string DataDirectory(string home)
    {
        if (OperatingSystem.IsWindows() || SearchableByOthers(home))
        {
            return Path.Combine(home, "broker");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(home))))[..12];
        return Path.Combine("/var/lib/minipaas", "broker-" + hash);
    }

    /// <summary>Registers (or refreshes) the platform's broker with the controller.</summary>
    public static async Task RegisterAsync(
        PlatformLayout layout, PlatformConfig config, ConnectionSettings connection, TimeProvider time, Action<string> say, CancellationToken cancellationToken)
    {
        using var services = new ServicesClient(connection, time) { UnaryTimeout = TimeSpan.FromSeconds(60) };
        try
        {
            var broker = await services.CreateServiceBrokerAsync(
                new CreateServiceBrokerRequest { Name = BrokerName, Url = layout.BrokerUrl.GetLeftPart(UriPartial.Authority), Username = Username, Password = config.BrokerPassword! },
                cancellationToken);
            say($"broker     registered as '{broker.Name}' ({string.Join(", ", broker.Services)}); see `minipaas marketplace`");
        }
        catch (RpcException e)
        {
            throw new CliException($"the broker runs but registering it with the controller failed: {e.Detail}");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool SearchableByOthers(string home)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(home)); directory is not null; directory = directory.Parent)
        {
            if (directory.Exists && (directory.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
