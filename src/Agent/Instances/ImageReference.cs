namespace MiniPaas.Agent.Instances;

/// <summary>
/// The registry part of an image reference such as <c>127.0.0.1:5000/hello@sha256:...</c>. Docker's
/// rule: the first path component names a registry when it contains '.' or ':' or is <c>localhost</c>.
/// </summary>
internal static class ImageReference
{
    /// <summary>The registry host (with port) the reference names, or null when it names none.</summary>
    public static string? RegistryHost(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return null;
        }

        var first = image[..slash];
        return first.Contains('.') || first.Contains(':') || first == "localhost" ? first : null;
    }
}
