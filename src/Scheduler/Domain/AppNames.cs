using System.Text.RegularExpressions;

namespace MiniPaas.Scheduler.Domain;

/// <summary>AppNames validates app names: they become DNS labels in app URLs.</summary>
internal static partial class AppNames
{
    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise why it is not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "app name is required";
        }

        if (!Pattern().IsMatch(name))
        {
            return $"invalid app name '{name}': use 1-63 lowercase letters, digits and '-', starting with a letter (^[a-z][a-z0-9-]{{0,62}}$)";
        }

        return null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
