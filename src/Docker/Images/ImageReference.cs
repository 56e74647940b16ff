using System.Text.RegularExpressions;

namespace MiniPaas.Docker.Images;

/// <summary>
/// Splits an image reference into what <c>POST /images/create</c> wants: <c>fromImage</c> (the
/// repository, registry host included) and <c>tag</c> (a tag, or a digest for <c>repo@sha256:...</c>).
/// </summary>
internal sealed partial record ImageReference(string Repository, string TagOrDigest)
{
    public const string DefaultTag = "latest";

    public static ImageReference Parse(string image, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image, parameterName);
        var text = image.Trim();

        string repository;
        string tagOrDigest;
        var at = text.IndexOf('@');
        if (at >= 0)
        {
            repository = StripTag(text[..at]);
            tagOrDigest = text[(at + 1)..];
            if (!DigestPattern().IsMatch(tagOrDigest))
            {
                throw new ArgumentException($"Image reference '{image}' has a malformed digest '{tagOrDigest}' (expected algorithm:hex, e.g. sha256:<64 hex digits>).", parameterName);
            }
        }
        else
        {
            var lastSlash = text.LastIndexOf('/');
            var lastColon = text.LastIndexOf(':');
            if (lastColon > lastSlash)
            {
                repository = text[..lastColon];
                tagOrDigest = text[(lastColon + 1)..];
                if (!TagPattern().IsMatch(tagOrDigest))
                {
                    throw new ArgumentException($"Image reference '{image}' has an invalid tag '{tagOrDigest}' (letters, digits, '_', '.', '-'; at most 128).", parameterName);
                }
            }
            else
            {
                repository = text;
                tagOrDigest = DefaultTag;
            }
        }

        if (!RepositoryPattern().IsMatch(repository) || repository.Contains("..", StringComparison.Ordinal) || repository.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Image reference '{image}' has an invalid repository '{repository}'.", parameterName);
        }

        return new ImageReference(repository, tagOrDigest);
    }

    /// <summary>Checks a tag given on its own (import).</summary>
    public static string ValidateTag(string tag, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tag, parameterName);
        if (!TagPattern().IsMatch(tag))
        {
            throw new ArgumentException($"'{tag}' is not a valid image tag (letters, digits, '_', '.', '-'; at most 128).", parameterName);
        }

        return tag;
    }

    /// <summary>Checks a repository given on its own (import).</summary>
    public static string ValidateRepository(string repository, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository, parameterName);
        if (!RepositoryPattern().IsMatch(repository) || repository.Contains("..", StringComparison.Ordinal) || repository.Contains('@'))
        {
            throw new ArgumentException($"'{repository}' is not a valid image repository (e.g. registry:5000/team/app).", parameterName);
        }

        return repository;
    }

    private static string StripTag(string nameWithOptionalTag)
    {
        // "repo:tag@sha256:..." pins by digest; the tag adds nothing the engine would use.
        var lastSlash = nameWithOptionalTag.LastIndexOf('/');
        var lastColon = nameWithOptionalTag.LastIndexOf(':');
        return lastColon > lastSlash ? nameWithOptionalTag[..lastColon] : nameWithOptionalTag;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$")]
    private static partial Regex DigestPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,127}$")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-/:]*$")]
    private static partial Regex RepositoryPattern();
}
