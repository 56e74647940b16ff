using System.Globalization;
using System.Net;
using System.Text;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;

namespace MiniPaas.Agent.Instances;

/// <summary>
/// Turns an assignment into the container the engine is asked to create: name, image, host
/// networking, environment (the app's plus the platform's <c>PORT</c>, <c>INSTANCE_*</c>,
/// <c>CF_INSTANCE_*</c>, <c>HOST</c>, <c>MINIPAAS_APP</c>), memory limit, command and labels.
/// Pure, so what an app sees is unit-tested.
/// </summary>
internal static class ContainerSpecFactory
{
    public static CreateContainerRequest Build(
        Assignment assignment,
        string nodeId,
        IPAddress advertiseAddress,
        int port,
        IReadOnlyDictionary<string, string> extraLabels)
    {
        if (string.IsNullOrWhiteSpace(assignment.Image))
        {
            throw new ArgumentException($"assignment for instance {assignment.InstanceId} names no image");
        }

        if (assignment.MemoryMb < 0)
        {
            throw new ArgumentException($"assignment for instance {assignment.InstanceId} asks for {assignment.MemoryMb} MB of memory");
        }

        var request = new CreateContainerRequest
        {
            Name = ContainerName(nodeId, assignment.App, assignment.Index, assignment.InstanceId),
            Image = assignment.Image,
            Env = BuildEnvironment(assignment, advertiseAddress, port),
            Labels = BuildLabels(assignment, nodeId, port, extraLabels),
            HostConfig = new HostConfig
            {
                NetworkMode = "host",
                Memory = assignment.MemoryMb > 0 ? assignment.MemoryMb * 1024 * 1024 : null,
                // Apps rarely install SIGTERM handlers; as PID 1 they would ignore graceful stops.
                Init = true,
            },
        };

        if (!string.IsNullOrWhiteSpace(assignment.Command))
        {
            // The entrypoint is replaced too: an image whose entrypoint is itself a shell or a
            // launcher would otherwise receive "/bin/sh -c ..." as arguments.
            request.Entrypoint = ["/bin/sh", "-c"];
            request.Cmd = [assignment.Command];
        }

        return request;
    }

    /// <summary>
    /// <c>minipaas-&lt;node&gt;-&lt;app&gt;-&lt;index&gt;-&lt;short instance id&gt;</c>. The short id is the
    /// instance id without an <c>&lt;app&gt;-&lt;index&gt;-</c> prefix (the scheduler's ids carry one), kept
    /// whole up to 12 characters and cut to its first 8 beyond (a GUID's first group). Old and new
    /// instances of one index meet on a node during a rolling update, so the id part must differ
    /// between them; a prefix cut would not.
    /// </summary>
    public static string ContainerName(string nodeId, string app, int index, string instanceId)
    {
        var core = instanceId;
        var redundantPrefix = string.Create(CultureInfo.InvariantCulture, $"{app}-{index}-");
        if (core.Length > redundantPrefix.Length && core.StartsWith(redundantPrefix, StringComparison.Ordinal))
        {
            core = core[redundantPrefix.Length..];
        }

        var shortId = Sanitize(core);
        if (shortId.Length > 12)
        {
            shortId = shortId[..8];
        }

        return string.Create(CultureInfo.InvariantCulture, $"minipaas-{Sanitize(nodeId)}-{Sanitize(app)}-{index}-{shortId}");
    }

    private static List<string> BuildEnvironment(Assignment assignment, IPAddress advertiseAddress, int port)
    {
        var environment = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in assignment.Env)
        {
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
            {
                throw new ArgumentException($"environment variable name '{name}' of app '{assignment.App}' is not valid");
            }

            environment[name] = value;
        }

        // The platform's variables win over the app's: an app that sets PORT itself would listen
        // somewhere the router never looks.
        var portText = port.ToString(CultureInfo.InvariantCulture);
        var indexText = assignment.Index.ToString(CultureInfo.InvariantCulture);
        var address = advertiseAddress.ToString();
        environment["PORT"] = portText;
        environment["INSTANCE_INDEX"] = indexText;
        environment["INSTANCE_ID"] = assignment.InstanceId;
        environment["CF_INSTANCE_INDEX"] = indexText;
        environment["CF_INSTANCE_PORT"] = portText;
        environment["CF_INSTANCE_ADDR"] = $"{address}:{portText}";
        environment["HOST"] = address;
        environment["MINIPAAS_APP"] = assignment.App;

        return environment.Select(pair => $"{pair.Key}={pair.Value}").ToList();
    }

    private static Dictionary<string, string> BuildLabels(Assignment assignment, string nodeId, int port, IReadOnlyDictionary<string, string> extraLabels)
    {
        var labels = new Dictionary<string, string>(extraLabels, StringComparer.Ordinal)
        {
            [InstanceLabels.Node] = nodeId,
            [InstanceLabels.App] = assignment.App,
            [InstanceLabels.Index] = assignment.Index.ToString(CultureInfo.InvariantCulture),
            [InstanceLabels.Instance] = assignment.InstanceId,
            [InstanceLabels.Release] = assignment.ReleaseVersion.ToString(CultureInfo.InvariantCulture),
            [InstanceLabels.Port] = port.ToString(CultureInfo.InvariantCulture),
            [InstanceLabels.RestartGeneration] = assignment.RestartGeneration.ToString(CultureInfo.InvariantCulture),
        };
        return labels;
    }

    /// <summary>Docker names allow <c>[a-zA-Z0-9_.-]</c>; anything else becomes '-'.</summary>
    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(character) || character is '_' or '.' or '-' ? character : '-');
        }

        return builder.Length == 0 ? "x" : builder.ToString();
    }
}
