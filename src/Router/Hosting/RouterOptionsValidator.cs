using Microsoft.Extensions.Options;

namespace MiniPaas.Router.Hosting;

/// <summary>Refuses settings that would fail later in confusing ways; every message names the setting.</summary>
internal sealed class RouterOptionsValidator : IValidateOptions<RouterOptions>
{
    private const string Prefix = RouterOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, RouterOptions options)
    {
        var failures = new List<string>();

        if (!ListenAddress.TryParse(options.ListenUrl, out var listen, out var listenError))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.ListenUrl)} {listenError}.");
        }

        if (!ListenAddress.TryParse(options.AdminUrl, out var admin, out var adminError))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.AdminUrl)} {adminError}.");
        }

        if (listen is not null && admin is not null && listen.Port != 0 && listen == admin)
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.AdminUrl)} must differ from {Prefix}{nameof(RouterOptions.ListenUrl)} (both are {listen}); app hosts would shadow /metrics.");
        }

        if (!Uri.TryCreate(options.SchedulerAddress, UriKind.Absolute, out var scheduler)
            || (scheduler.Scheme != Uri.UriSchemeHttp && scheduler.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.SchedulerAddress)} \"{options.SchedulerAddress}\" is not an absolute http:// or https:// URL (e.g. {RouterOptions.DefaultSchedulerAddress}).");
        }

        if (options.Token is { } token && (string.IsNullOrWhiteSpace(token) || token.Trim().Length != token.Length))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.Token)} must not be empty or start/end with whitespace; remove the setting to send no token.");
        }

        if (options.StateFile is { } stateFile
            && (string.IsNullOrWhiteSpace(stateFile) || stateFile.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Directory.Exists(stateFile)))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.StateFile)} \"{stateFile}\" must be a file path (not empty, not a directory).");
        }

        RequirePositive(failures, nameof(RouterOptions.ReconnectInitialDelay), options.ReconnectInitialDelay);
        RequirePositive(failures, nameof(RouterOptions.ReconnectMaxDelay), options.ReconnectMaxDelay);
        if (options.ReconnectMaxDelay < options.ReconnectInitialDelay)
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.ReconnectMaxDelay)} ({options.ReconnectMaxDelay}) must not be shorter than {Prefix}{nameof(RouterOptions.ReconnectInitialDelay)} ({options.ReconnectInitialDelay}).");
        }

        RequirePositive(failures, nameof(RouterOptions.ConnectTimeout), options.ConnectTimeout);
        RequirePositive(failures, nameof(RouterOptions.UnreachableReactivationPeriod), options.UnreachableReactivationPeriod);
        RequirePositive(failures, nameof(RouterOptions.UpstreamActivityTimeout), options.UpstreamActivityTimeout);

        if (options.MaxForwardAttempts is < 1 or > 10)
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.MaxForwardAttempts)} must be between 1 and 10; it is {options.MaxForwardAttempts}.");
        }

        if (options.MaxReplayBodyBytes is < 0 or > 16 * 1024 * 1024)
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.MaxReplayBodyBytes)} must be between 0 and 16 MiB; it is {options.MaxReplayBodyBytes}.");
        }

        if (string.IsNullOrEmpty(options.AffinityCookieName) || !options.AffinityCookieName.All(IsCookieNameChar))
        {
            failures.Add($"{Prefix}{nameof(RouterOptions.AffinityCookieName)} \"{options.AffinityCookieName}\" must be a cookie name (letters, digits, '-', '_', '.').");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequirePositive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{setting} must be greater than zero; it is {value}.");
        }
    }

    private static bool IsCookieNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
