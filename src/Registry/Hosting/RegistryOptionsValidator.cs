using Microsoft.Extensions.Options;

namespace MiniPaas.Registry.Hosting;

/// <summary>Refuses to start with settings that would fail later in confusing ways; each message names the setting.</summary>
internal sealed class RegistryOptionsValidator : IValidateOptions<RegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Registry:DataDirectory must be a directory path; it is empty.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Registry:DataDirectory \"{options.DataDirectory}\" contains characters that are not valid in a path.");
        }

        if (options.MaxUploadBytes <= 0)
        {
            failures.Add($"Registry:MaxUploadBytes must be greater than 0; it is {options.MaxUploadBytes}.");
        }

        if (options.Token is { } token)
        {
            if (string.IsNullOrWhiteSpace(token))
            {
                failures.Add("Registry:Token must not be empty when set; remove the setting to run without authentication.");
            }
            else if (token.Trim().Length != token.Length)
            {
                // Clients trim credentials in different ways, so such a token would work for some and not others.
                failures.Add("Registry:Token must not start or end with whitespace.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
