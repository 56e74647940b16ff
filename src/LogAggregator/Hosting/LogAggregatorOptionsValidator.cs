using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace MiniPaas.LogAggregator.Hosting;

/// <summary>LogAggregatorOptionsValidator refuses options that would misbehave, naming the key and the rule.</summary>
internal sealed class LogAggregatorOptionsValidator : IValidateOptions<LogAggregatorOptions>
{
    public static bool TryParseEndpoint(string? value, out IPAddress address, out int port)
    {
        address = IPAddress.Loopback;
        port = 0;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
        {
            return false;
        }

        var host = value[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            address = IPAddress.Loopback;
            return true;
        }

        return IPAddress.TryParse(host, out address!);
    }

    public ValidateOptionsResult Validate(string? name, LogAggregatorOptions options)
    {
        var failures = new List<string>();
        const string Section = LogAggregatorOptions.SectionName;
        if (!TryParseEndpoint(options.GrpcEndpoint, out _, out _))
        {
            failures.Add($"{Section}:GrpcEndpoint '{options.GrpcEndpoint}' must be IP:port, e.g. 127.0.0.1:7080");
        }

        if (!TryParseEndpoint(options.HttpEndpoint, out _, out _))
        {
            failures.Add($"{Section}:HttpEndpoint '{options.HttpEndpoint}' must be IP:port, e.g. 127.0.0.1:7081");
        }

        if (string.IsNullOrEmpty(options.Token) && string.IsNullOrEmpty(options.TokenFile))
        {
            failures.Add($"{Section}:Token or {Section}:TokenFile must be set");
        }
        else if (string.IsNullOrEmpty(options.Token) && !File.Exists(options.TokenFile))
        {
            failures.Add($"{Section}:TokenFile '{options.TokenFile}' does not exist");
        }

        if (options.MaxLineBytes is < 256 or > 1024 * 1024)
        {
            failures.Add($"{Section}:MaxLineBytes must be between 256 and 1048576 (was {options.MaxLineBytes})");
        }

        if (options.RateLimitLinesPerSecond < 0 || options.RateLimitBurst < 0)
        {
            failures.Add($"{Section}:RateLimitLinesPerSecond and RateLimitBurst must not be negative");
        }

        if (options.SegmentBytes is < 64 * 1024 or > 1L << 30)
        {
            failures.Add($"{Section}:SegmentBytes must be between 65536 and 1073741824 (was {options.SegmentBytes})");
        }

        if (options.RetentionBytesPerApp < options.SegmentBytes)
        {
            failures.Add($"{Section}:RetentionBytesPerApp ({options.RetentionBytesPerApp}) must be at least SegmentBytes ({options.SegmentBytes})");
        }

        foreach (var (key, value) in new[]
        {
            ("RetentionAge", options.RetentionAge),
            ("RetentionInterval", options.RetentionInterval),
            ("DropReportInterval", options.DropReportInterval),
            ("DrainReconnectInitialDelay", options.DrainReconnectInitialDelay),
            ("DrainReconnectMaxDelay", options.DrainReconnectMaxDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                failures.Add($"{Section}:{key} must be positive (was {value})");
            }
        }

        if (options.FollowerQueueLines < 16 || options.DrainQueueLines < 16)
        {
            failures.Add($"{Section}:FollowerQueueLines and DrainQueueLines must be at least 16");
        }

        if (options.MaxClefRequestBytes < 1024)
        {
            failures.Add($"{Section}:MaxClefRequestBytes must be at least 1024 (was {options.MaxClefRequestBytes})");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
