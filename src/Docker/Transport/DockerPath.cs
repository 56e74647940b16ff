using System.Text.RegularExpressions;

namespace MiniPaas.Docker.Transport;

/// <summary>
/// Checks names and ids before they become URL path segments, so a bad value is reported by name
/// instead of silently addressing another endpoint (".." or "?" in an id would).
/// </summary>
internal static partial class DockerPath
{
    /// <summary>A container id or name; a leading '/' as the engine prints names is accepted and dropped.</summary>
    public static string Container(string idOrName, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrName, parameterName);
        var trimmed = idOrName.StartsWith('/') ? idOrName[1..] : idOrName;
        if (!ContainerPattern().IsMatch(trimmed))
        {
            throw new ArgumentException($"'{idOrName}' is not a valid container id or name (letters, digits, '_', '.', '-').", parameterName);
        }

        return trimmed;
    }

    /// <summary>An image reference (repo[:tag][@digest]) or image id.</summary>
    public static string Image(string nameOrId, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrId, parameterName);
        if (!ImagePattern().IsMatch(nameOrId) || nameOrId.Contains("..", StringComparison.Ordinal) || nameOrId.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{nameOrId}' is not a valid image reference or id.", parameterName);
        }

        return nameOrId;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-/:@]*$")]
    private static partial Regex ImagePattern();
}
