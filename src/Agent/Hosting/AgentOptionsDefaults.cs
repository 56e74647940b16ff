using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Hosting;

/// <summary>
/// Fills in the settings whose defaults depend on the machine: the data directory and, when no
/// NodeId is configured, a generated one kept in the data directory so the node keeps its identity
/// (and so adopts its own containers) across agent restarts.
/// </summary>
internal sealed class AgentOptionsDefaults : IPostConfigureOptions<AgentOptions>
{
    private const string NodeIdFileName = "node-id";

    public void PostConfigure(string? name, AgentOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            var nodeFolder = string.IsNullOrWhiteSpace(options.NodeId) ? "default" : options.NodeId;
            options.DataDirectory = Path.Combine(MiniPaasHome(), "agents", nodeFolder);
        }

        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            options.NodeId = LoadOrCreateNodeId(options.DataDirectory);
        }
    }

    private static string MiniPaasHome()
    {
        var home = Environment.GetEnvironmentVariable("MINIPAAS_HOME");
        return string.IsNullOrWhiteSpace(home)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".minipaas")
            : home;
    }

    private static string LoadOrCreateNodeId(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, NodeIdFileName);
        try
        {
            if (File.Exists(path))
            {
                var stored = File.ReadAllText(path).Trim();
                if (stored.Length > 0)
                {
                    return stored;
                }
            }

            Directory.CreateDirectory(dataDirectory);
            var generated = "node-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLower(CultureInfo.InvariantCulture);
            File.WriteAllText(path, generated + Environment.NewLine);
            return generated;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(
                AgentOptions.SectionName,
                typeof(AgentOptions),
                [$"{AgentOptions.SectionName}:NodeId is not set and no node id could be kept in {AgentOptions.SectionName}:DataDirectory '{dataDirectory}': {ex.Message}"]);
        }
    }
}
