using System.Text.RegularExpressions;

namespace MiniPaas.Registry.Protocol;

/// <summary>Validation of repository names against the distribution spec grammar.</summary>
internal static partial class RepositoryName
{
    /// <summary>Longest name accepted; the reference implementation uses the same limit.</summary>
    public const int MaxLength = 255;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxLength && Pattern().IsMatch(name);

    public static string EnsureValid(string? name)
    {
        if (IsValid(name))
        {
            return name!;
        }

        throw RegistryErrors.NameInvalid(name ?? string.Empty);
    }

    // \z instead of $ so a trailing newline cannot sneak through.
    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
