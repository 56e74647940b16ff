using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Routes;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// AppSettingsApplier applies deploy settings to an app. The CLI has already put flags over the
/// manifest; here a field left unset keeps the app's current value, or the platform default
/// (1 instance, 256 MB, 1024 MB disk, "port" health check, round-robin without sticky sessions)
/// for a new app.
/// </summary>
internal static class AppSettingsApplier
{
    public const int DefaultInstances = 1;
    public const long DefaultMemoryMb = 256;
    public const long DefaultDiskMb = 1024;

    /// <summary>Returns the app with the settings applied; throws InvalidArgument naming a bad setting.</summary>
    public static AppRecord Apply(AppRecord? existing, string name, AppSettings? settings, int maxInstances, DateTimeOffset now)
    {
        settings ??= new AppSettings();
        var app = existing ?? new AppRecord
        {
            Name = name,
            DesiredInstances = DefaultInstances,
            MemoryMb = DefaultMemoryMb,
            DiskMb = DefaultDiskMb,
            Started = true,
            CreatedAt = now,
        };

        if (settings.InstancesSet || settings.Instances != 0)
        {
            ValidateInstances(settings.Instances, maxInstances);
            app = app with { DesiredInstances = settings.Instances };
        }

        if (settings.MemoryMb < 0 || settings.DiskMb < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument,
                $"memory ({settings.MemoryMb} MB) and disk ({settings.DiskMb} MB) must not be negative");
        }

        if (settings.MemoryMb > 0)
        {
            app = app with { MemoryMb = settings.MemoryMb };
        }

        if (settings.DiskMb > 0)
        {
            app = app with { DiskMb = settings.DiskMb };
        }

        if (settings.Env.Count > 0)
        {
            foreach (var key in settings.Env.Keys)
            {
                if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal))
                {
                    throw new RpcException(StatusCode.InvalidArgument, $"invalid environment variable name '{key}'");
                }
            }

            app = app with { Env = new Dictionary<string, string>(settings.Env, StringComparer.Ordinal) };
        }

        if (settings.HealthCheck is { } check)
        {
            app = app with { HealthCheck = ToSpec(check) };
        }

        if (settings.LoadBalancing.Length > 0)
        {
            if (!LoadBalancingPolicies.IsKnown(settings.LoadBalancing))
            {
                throw new RpcException(StatusCode.InvalidArgument,
                    $"unknown load_balancing '{settings.LoadBalancing}': use one of {string.Join(", ", LoadBalancingPolicies.All)}");
            }

            app = app with { LoadBalancing = settings.LoadBalancing };
        }

        if (settings.StickySessionsSet || settings.StickySessions)
        {
            app = app with { StickySessions = settings.StickySessions };
        }

        return app with { UpdatedAt = now };
    }

    public static void ValidateInstances(int instances, int maxInstances)
    {
        if (instances < 0 || instances > maxInstances)
        {
            throw new RpcException(StatusCode.InvalidArgument,
                $"instances must be between 0 and {maxInstances} (got {instances}; limit MiniPaas:MaxInstancesPerApp)");
        }
    }

    public static HealthCheckSpec ToSpec(HealthCheck check)
    {
        var defaults = HealthCheckSpec.Default;
        var type = string.IsNullOrEmpty(check.Type) ? defaults.Type : check.Type;
        if (type is not ("port" or "http" or "process"))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"health check type '{check.Type}' is not one of port, http, process");
        }

        if (type == "http" && !check.Endpoint.StartsWith('/'))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"http health check needs an endpoint path starting with '/' (got '{check.Endpoint}')");
        }

        if (check.StartupTimeoutSeconds < 0 || check.IntervalMillis < 0 || check.FailureThreshold < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, "health check timeout, interval and failure threshold must not be negative");
        }

        return new HealthCheckSpec
        {
            Type = type,
            Endpoint = type == "http" ? check.Endpoint : "",
            StartupTimeoutSeconds = check.StartupTimeoutSeconds > 0 ? check.StartupTimeoutSeconds : defaults.StartupTimeoutSeconds,
            IntervalMillis = check.IntervalMillis > 0 ? check.IntervalMillis : defaults.IntervalMillis,
            FailureThreshold = check.FailureThreshold > 0 ? check.FailureThreshold : defaults.FailureThreshold,
        };
    }
}
