using System.Text.RegularExpressions;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Tags;

/// <summary>Validation of tags against the spec grammar, which also makes every tag a safe file name.</summary>
internal static partial class TagName
{
    public static bool IsValid(string? tag) => !string.IsNullOrEmpty(tag) && Pattern().IsMatch(tag);

    public static string EnsureValid(string tag)
    {
        if (IsValid(tag))
        {
            return tag;
        }

        throw new RegistryException(
            StatusCodes.Status400BadRequest,
            RegistryErrorCode.TagInvalid,
            $"tag \"{tag}\" is invalid: use up to 128 characters of [A-Za-z0-9_.-], not starting with '.' or '-'",
            new Dictionary<string, string> { ["tag"] = tag });
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
