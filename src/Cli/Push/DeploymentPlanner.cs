using System.Globalization;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Manifests;
using MiniPaas.Cli.Units;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Push;

/// <summary>
/// DeploymentPlanner merges <c>push</c>'s flags over the app's <c>minipaas.yml</c>: a flag always
/// wins, a manifest field fills what the flags leave open, and whatever neither sets is left for
/// the controller (the app's current value, or the platform default).
/// </summary>
internal static class DeploymentPlanner
{
    /// <summary>The rollout strategies the controller accepts; the first is the default.</summary>
    public static readonly IReadOnlyList<string> Strategies = ["rolling", "recreate"];

    /// <summary>
    /// Builds the plan. Relative paths in <paramref name="flags"/> are taken against
    /// <paramref name="workingDirectory"/>. Throws <see cref="CliException"/> naming the bad flag or field.
    /// </summary>
    public static DeploymentPlan Plan(PushFlags flags, string workingDirectory)
    {
        var flagDirectory = flags.Path is null ? null : Path.GetFullPath(flags.Path, workingDirectory);
        if (flagDirectory is not null && !Directory.Exists(flagDirectory))
        {
            throw new CliException(File.Exists(flagDirectory)
                ? $"--path: {flags.Path} is a file; give the app's directory"
                : $"--path: directory {flags.Path} does not exist");
        }

        var manifestPath = FindManifest(flags.ManifestPath, flagDirectory ?? workingDirectory, workingDirectory);
        var manifest = manifestPath is null
            ? AppManifest.Empty(ManifestParser.DefaultFileName)
            : ManifestParser.ParseFile(manifestPath);

        // With -f and no path: the manifest describes the directory it sits in.
        var directory = flagDirectory
            ?? manifest.Path
            ?? (flags.ManifestPath is not null ? Path.GetDirectoryName(manifestPath)! : workingDirectory);
        if (!Directory.Exists(directory))
        {
            throw new CliException($"{manifest.SourceName}: path: directory {directory} does not exist");
        }

        var appName = flags.AppName ?? manifest.Name
            ?? throw new CliException($"no app name: run `minipaas push NAME` or set name: in {ManifestParser.DefaultFileName}");
        if (!ManifestParser.AppNamePattern().IsMatch(appName))
        {
            throw new CliException($"app name \"{appName}\" is invalid: use lowercase letters, digits and '-' (at most 63)");
        }

        var settings = new AppSettings
        {
            Command = flags.Command ?? manifest.Command ?? "",
            Stack = flags.Stack ?? manifest.Stack ?? "",
            MemoryMb = FlagSize("--memory", flags.Memory) ?? manifest.MemoryMb ?? 0,
            DiskMb = FlagSize("--disk", flags.Disk) ?? manifest.DiskMb ?? 0,
        };

        if (flags.Instances is < 0)
        {
            throw new CliException($"--instances: must be at least 0, not {flags.Instances}");
        }

        var instances = flags.Instances ?? manifest.Instances;
        if (instances is not null)
        {
            settings.Instances = instances.Value;
            settings.InstancesSet = true;
        }

        foreach (var (name, value) in manifest.Env)
        {
            settings.Env[name] = value;
        }
        settings.HealthCheck = HealthCheck(flags, manifest);
        if (flags.LoadBalancing is { } policy && !ManifestParser.LoadBalancingPolicies.Contains(policy))
        {
            throw new CliException(
                $"--load-balancing: \"{policy}\" is not a policy (use {string.Join(", ", ManifestParser.LoadBalancingPolicies)})");
        }

        settings.LoadBalancing = flags.LoadBalancing ?? manifest.LoadBalancing ?? "";
        if ((flags.StickySessions ?? manifest.StickySessions) is { } sticky)
        {
            settings.StickySessions = sticky;
            settings.StickySessionsSet = true;
        }

        var strategy = flags.Strategy ?? Strategies[0];
        if (!Strategies.Contains(strategy))
        {
            throw new CliException($"--strategy: \"{strategy}\" is not a strategy (use {string.Join(" or ", Strategies)})");
        }

        return new DeploymentPlan
        {
            AppName = appName,
            SourceDirectory = directory,
            Settings = settings,
            Strategy = strategy,
            Exclude = manifest.Exclude,
            ManifestPath = manifestPath,
        };
    }

    private static string? FindManifest(string? explicitPath, string appDirectory, string workingDirectory)
    {
        if (explicitPath is not null)
        {
            var full = Path.GetFullPath(explicitPath, workingDirectory);
            return File.Exists(full) ? full : throw new CliException($"-f: manifest {explicitPath} does not exist");
        }

        var candidate = Path.Combine(appDirectory, ManifestParser.DefaultFileName);
        return File.Exists(candidate) ? candidate : null;
    }

    private static long? FlagSize(string flag, string? text)
    {
        if (text is null)
        {
            return null;
        }

        return MegabyteSize.TryParse(text, out var megabytes)
            ? megabytes
            : throw new CliException($"{flag}: \"{text}\" is not a size ({MegabyteSize.Hint})");
    }

    private static HealthCheck? HealthCheck(PushFlags flags, AppManifest manifest)
    {
        if (flags.HealthCheckType is { } flagType && !ManifestHealthCheck.KnownTypes.Contains(flagType))
        {
            throw new CliException(
                $"--health-check-type: \"{flagType}\" is not a health check type (use {string.Join(", ", ManifestHealthCheck.KnownTypes)})");
        }

        if (flags.HealthCheckEndpoint is { } flagEndpoint && !flagEndpoint.StartsWith('/'))
        {
            throw new CliException($"--endpoint: \"{flagEndpoint}\" is not a path (it must start with /, e.g. /health)");
        }

        var fromManifest = manifest.HealthCheck ?? new ManifestHealthCheck();
        var endpoint = flags.HealthCheckEndpoint ?? fromManifest.Endpoint;
        // An endpoint only means something to an http check, so giving one implies the type.
        var type = flags.HealthCheckType ?? fromManifest.Type ?? (endpoint is null ? null : "http");
        if (endpoint is not null && type != "http")
        {
            var source = flags.HealthCheckEndpoint is not null ? "--endpoint" : "the manifest's health check endpoint";
            throw new CliException(
                $"{source} {endpoint} needs an http health check, but the type is {type} (use --health-check-type http)");
        }

        if (type is null && manifest.HealthCheck is null)
        {
            return null;
        }

        return new HealthCheck
        {
            Type = type ?? "",
            Endpoint = endpoint ?? "",
            StartupTimeoutSeconds = fromManifest.StartupTimeout is { } timeout ? (int)Math.Ceiling(timeout.TotalSeconds) : 0,
            IntervalMillis = fromManifest.Interval is { } interval ? (int)interval.TotalMilliseconds : 0,
            FailureThreshold = fromManifest.FailureThreshold ?? 0,
        };
    }

    /// <summary>Describes the merged settings in one line, for the "pushing ..." header.</summary>
    public static string Describe(DeploymentPlan plan)
    {
        var parts = new List<string>();
        if (plan.Settings.InstancesSet)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{plan.Settings.Instances} instance(s)"));
        }

        if (plan.Settings.MemoryMb > 0)
        {
            parts.Add(MegabyteSize.Format(plan.Settings.MemoryMb) + " memory");
        }

        if (plan.Settings.Stack.Length > 0)
        {
            parts.Add("stack " + plan.Settings.Stack);
        }

        parts.Add(plan.Strategy);
        return string.Join(", ", parts);
    }
}
