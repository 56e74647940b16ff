using Microsoft.Extensions.Options;

namespace MiniPaas.Broker.Hosting;

/// <summary>Refuses to start with settings that would fail later in confusing ways; each message names the setting.</summary>
internal sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    private const string Prefix = BrokerOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add($"{Prefix}DataDirectory must be a directory path; it is empty.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Prefix}DataDirectory \"{options.DataDirectory}\" contains characters that are not valid in a path.");
        }

        ValidateCredential(failures, "Username", options.Username);
        ValidateCredential(failures, "Password", options.Password);
        if (options.Username is { } user && user.Contains(':', StringComparison.Ordinal))
        {
            // Basic authentication splits user and password at the first colon.
            failures.Add($"{Prefix}Username must not contain ':'.");
        }

        if (!Uri.TryCreate(options.ListenUrl, UriKind.Absolute, out var listen) || (listen.Scheme != Uri.UriSchemeHttp && listen.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}ListenUrl \"{options.ListenUrl}\" must be an absolute http:// or https:// URL.");
        }

        if (options.AsyncProvisionDelay < TimeSpan.Zero || options.AsyncProvisionDelay > TimeSpan.FromHours(1))
        {
            failures.Add($"{Prefix}AsyncProvisionDelay must be between 00:00:00 and 01:00:00; it is {options.AsyncProvisionDelay}.");
        }

        var postgres = options.Postgres;
        if (postgres is null)
        {
            failures.Add($"{Prefix}Postgres must be set.");
        }
        else
        {
            ValidatePort(failures, "Postgres:Port", postgres.Port);
            if (string.IsNullOrWhiteSpace(postgres.BinDirectory))
            {
                failures.Add($"{Prefix}Postgres:BinDirectory must be the directory of initdb and pg_ctl; it is empty.");
            }

            if (string.IsNullOrWhiteSpace(postgres.OsUser))
            {
                failures.Add($"{Prefix}Postgres:OsUser must name the OS user the cluster runs as; it is empty.");
            }

            ValidateTimeout(failures, "Postgres:StartTimeout", postgres.StartTimeout);
        }

        var redis = options.Redis;
        if (redis is null)
        {
            failures.Add($"{Prefix}Redis must be set.");
        }
        else
        {
            ValidatePort(failures, "Redis:Port", redis.Port);
            if (string.IsNullOrWhiteSpace(redis.ServerPath))
            {
                failures.Add($"{Prefix}Redis:ServerPath must be the path of redis-server; it is empty.");
            }

            ValidateTimeout(failures, "Redis:StartTimeout", redis.StartTimeout);
        }

        if (postgres is not null && redis is not null && postgres.Port == redis.Port)
        {
            failures.Add($"{Prefix}Postgres:Port and {Prefix}Redis:Port must differ; both are {redis.Port}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateCredential(List<string> failures, string setting, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            failures.Add($"{Prefix}{setting} is required: the platform authenticates to the broker with HTTP basic authentication.");
        }
        else if (value.Trim().Length != value.Length)
        {
            failures.Add($"{Prefix}{setting} must not start or end with whitespace.");
        }
    }

    private static void ValidatePort(List<string> failures, string setting, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{Prefix}{setting} must be between 1 and 65535; it is {port}.");
        }
    }

    private static void ValidateTimeout(List<string> failures, string setting, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{setting} must be greater than zero; it is {timeout}.");
        }
    }
}
