using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MiniPaas.Agent.Instances;

namespace MiniPaas.Agent.Hosting;

/// <summary>
/// Refuses settings the agent cannot work with, naming the configuration key so an operator knows
/// what to fix. Runs at start-up (ValidateOnStart), after <see cref="AgentOptionsDefaults"/>.
/// </summary>
internal sealed partial class AgentOptionsValidator : IValidateOptions<AgentOptions>
{
    private const string Prefix = AgentOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, AgentOptions options)
    {
        var failures = new List<string>();

        if (!NodeIdPattern().IsMatch(options.NodeId ?? string.Empty))
        {
            failures.Add($"{Prefix}NodeId '{options.NodeId}' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        if (!Uri.TryCreate(options.SchedulerAddress, UriKind.Absolute, out var scheduler)
            || (scheduler.Scheme != Uri.UriSchemeHttp && scheduler.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}SchedulerAddress '{options.SchedulerAddress}' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:7070.");
        }

        if (!string.IsNullOrEmpty(options.LogAggregatorAddress)
            && (!Uri.TryCreate(options.LogAggregatorAddress, UriKind.Absolute, out var aggregator) || aggregator.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Prefix}LogAggregatorAddress '{options.LogAggregatorAddress}' must be empty (shipping off) or an absolute http:// URL, e.g. http://127.0.0.1:7080.");
        }

        if (!IPAddress.TryParse(options.AdvertiseAddress, out var advertised) || IPAddress.Any.Equals(advertised) || IPAddress.IPv6Any.Equals(advertised))
        {
            failures.Add($"{Prefix}AdvertiseAddress '{options.AdvertiseAddress}' must be a concrete IP address instances are reachable at, e.g. 127.0.0.11.");
        }

        if (options.PortRangeStart is < 1024 or > 65535)
        {
            failures.Add($"{Prefix}PortRangeStart {options.PortRangeStart} must be between 1024 and 65535.");
        }

        if (options.PortRangeEnd is < 1024 or > 65535)
        {
            failures.Add($"{Prefix}PortRangeEnd {options.PortRangeEnd} must be between 1024 and 65535.");
        }

        if (options.PortRangeEnd < options.PortRangeStart)
        {
            failures.Add($"{Prefix}PortRangeEnd {options.PortRangeEnd} must not be below {Prefix}PortRangeStart {options.PortRangeStart}.");
        }

        if (options.MemoryMb <= 0)
        {
            failures.Add($"{Prefix}MemoryMb {options.MemoryMb} must be positive.");
        }

        if (options.DiskMb <= 0)
        {
            failures.Add($"{Prefix}DiskMb {options.DiskMb} must be positive.");
        }

        if (options.MaxInstances <= 0)
        {
            failures.Add($"{Prefix}MaxInstances {options.MaxInstances} must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.DockerSocket))
        {
            failures.Add($"{Prefix}DockerSocket must name the engine's unix socket, e.g. /var/run/docker.sock.");
        }

        if (options.HeartbeatInterval <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}HeartbeatInterval {options.HeartbeatInterval} must be positive.");
        }

        if (options.StopTimeout < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}StopTimeout {options.StopTimeout} must not be negative.");
        }

        if (options.ReconnectMaxDelay <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}ReconnectMaxDelay {options.ReconnectMaxDelay} must be positive.");
        }

        // Only the labels the agent owns are reserved: other minipaas.* keys (e.g. minipaas.test, which
        // test runs use to clean up exactly their own containers) are the operator's to set.
        foreach (var key in options.ContainerLabels.Keys.Where(InstanceLabels.All.Contains))
        {
            failures.Add($"{Prefix}ContainerLabels:{key} is reserved: the agent sets it itself.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$")]
    private static partial Regex NodeIdPattern();
}
