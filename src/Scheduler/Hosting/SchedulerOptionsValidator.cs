using Microsoft.Extensions.Options;

namespace MiniPaas.Scheduler.Hosting;

/// <summary>SchedulerOptionsValidator rejects unusable settings with a message naming the setting.</summary>
internal sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        var failures = new List<string>();
        var prefix = SchedulerOptions.SectionName + ":";

        if (!TryParseEndpoint(options.GrpcEndpoint, out _, out _))
        {
            failures.Add($"{prefix}{nameof(options.GrpcEndpoint)} '{options.GrpcEndpoint}' must be host:port, e.g. 127.0.0.1:7070");
        }

        if (options.DashboardEndpoint.Length > 0 && !TryParseEndpoint(options.DashboardEndpoint, out _, out _))
        {
            failures.Add($"{prefix}{nameof(options.DashboardEndpoint)} '{options.DashboardEndpoint}' must be host:port, e.g. 127.0.0.1:7071, or empty to turn the dashboard off");
        }

        if (options.RouterAdminAddress.Length > 0
            && !(Uri.TryCreate(options.RouterAdminAddress, UriKind.Absolute, out var routerAdmin) && routerAdmin.Scheme == Uri.UriSchemeHttp))
        {
            failures.Add($"{prefix}{nameof(options.RouterAdminAddress)} '{options.RouterAdminAddress}' must be an http:// URL, e.g. http://127.0.0.1:8081, or empty");
        }

        if (string.IsNullOrWhiteSpace(options.AdminToken) && string.IsNullOrWhiteSpace(options.AdminTokenFile))
        {
            failures.Add($"{prefix}{nameof(options.AdminToken)} or {prefix}{nameof(options.AdminTokenFile)} must be set (environment MiniPaas__AdminToken)");
        }

        if (!string.IsNullOrWhiteSpace(options.AdminTokenFile) && !File.Exists(options.AdminTokenFile))
        {
            failures.Add($"{prefix}{nameof(options.AdminTokenFile)} '{options.AdminTokenFile}' does not exist");
        }

        if (!string.IsNullOrWhiteSpace(options.NodeTokenFile) && !File.Exists(options.NodeTokenFile))
        {
            failures.Add($"{prefix}{nameof(options.NodeTokenFile)} '{options.NodeTokenFile}' does not exist");
        }

        if (string.IsNullOrWhiteSpace(options.RegistryAddress) || options.RegistryAddress.Contains("://", StringComparison.Ordinal))
        {
            failures.Add($"{prefix}{nameof(options.RegistryAddress)} '{options.RegistryAddress}' must be host:port without a scheme");
        }

        Positive(failures, prefix, nameof(options.HeartbeatInterval), options.HeartbeatInterval);
        Positive(failures, prefix, nameof(options.NodeTtl), options.NodeTtl);
        Positive(failures, prefix, nameof(options.ConvergenceInterval), options.ConvergenceInterval);
        Positive(failures, prefix, nameof(options.RestartBackoffInitial), options.RestartBackoffInitial);
        Positive(failures, prefix, nameof(options.DeployTimeout), options.DeployTimeout);
        if (options.HeartbeatInterval >= options.NodeTtl)
        {
            failures.Add($"{prefix}{nameof(options.HeartbeatInterval)} ({options.HeartbeatInterval}) must be shorter than {prefix}{nameof(options.NodeTtl)} ({options.NodeTtl})");
        }

        if (options.RestartBackoffMax < options.RestartBackoffInitial)
        {
            failures.Add($"{prefix}{nameof(options.RestartBackoffMax)} must be at least {prefix}{nameof(options.RestartBackoffInitial)}");
        }

        if (options.ImmediateRestarts < 0)
        {
            failures.Add($"{prefix}{nameof(options.ImmediateRestarts)} must be 0 or more");
        }

        if (options.RolloutBatchSize < 1)
        {
            failures.Add($"{prefix}{nameof(options.RolloutBatchSize)} must be at least 1");
        }

        if (options.RolloutHaltCrashes < 1)
        {
            failures.Add($"{prefix}{nameof(options.RolloutHaltCrashes)} must be at least 1");
        }

        if (options.MaxInstancesPerApp < 1)
        {
            failures.Add($"{prefix}{nameof(options.MaxInstancesPerApp)} must be at least 1");
        }

        if (options.MaxUploadBytes < 1)
        {
            failures.Add($"{prefix}{nameof(options.MaxUploadBytes)} must be positive");
        }

        if (options.EventRetention < 100)
        {
            failures.Add($"{prefix}{nameof(options.EventRetention)} must be at least 100 (got {options.EventRetention})");
        }

        if (string.IsNullOrWhiteSpace(options.AppsDomain))
        {
            failures.Add($"{prefix}{nameof(options.AppsDomain)} must not be empty");
        }
        else if (Routes.RouteRules.ValidateHost(options.AppsDomain) is { } domainError)
        {
            // Every app's default route is <app>.<AppsDomain>, so the domain must be a valid host itself.
            failures.Add($"{prefix}{nameof(options.AppsDomain)}: {domainError}");
        }

        if (options.RouterPort is < 1 or > 65535)
        {
            failures.Add($"{prefix}{nameof(options.RouterPort)} {options.RouterPort} must be 1-65535");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Parses "host:port" (port 0 allowed, meaning any free port).</summary>
    public static bool TryParseEndpoint(string endpoint, out string host, out int port)
    {
        host = "";
        port = 0;
        var colon = endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(endpoint.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 0 or > 65535)
        {
            return false;
        }

        host = endpoint[..colon];
        return true;
    }

    private static void Positive(List<string> failures, string prefix, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{prefix}{setting} must be positive (got {value})");
        }
    }
}
