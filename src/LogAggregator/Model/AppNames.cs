using System.Text.RegularExpressions;

namespace MiniPaas.LogAggregator.Model;

/// <summary>AppNames checks app names the way the scheduler does; names are also directory names here.</summary>
internal static partial class AppNames
{
    /// <summary>Returns null when <paramref name="name"/> is valid, otherwise why it is not.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "app name is required";
        }

        return Pattern().IsMatch(name)
            ? null
            : $"invalid app name '{Shorten(name)}': use 1-63 lowercase letters, digits and '-', starting with a letter";
    }

    private static string Shorten(string name) => name.Length <= 80 ? name : name[..80] + "...";

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
