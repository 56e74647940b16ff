using System.Text;
using System.Text.RegularExpressions;

namespace MiniPaas.Cli.Packaging;

/// <summary>
/// ExcludePatterns matches paths against the manifest's <c>exclude:</c> list, with a subset of
/// .gitignore rules: <c>*</c> and <c>?</c> stay within one path segment, <c>**</c> crosses
/// segments, a pattern with a <c>/</c> (other than a trailing one) is anchored at the app directory,
/// a pattern without one matches a name at any depth, and a trailing <c>/</c> matches directories only.
/// </summary>
internal sealed class ExcludePatterns
{
    private readonly IReadOnlyList<(Regex Pattern, bool DirectoriesOnly)> _patterns;

    /// <summary>Compiles <paramref name="patterns"/>; throws <see cref="PackagingException"/> naming a bad one.</summary>
    public ExcludePatterns(IReadOnlyList<string> patterns)
    {
        var compiled = new List<(Regex, bool)>();
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i].Trim();
            if (pattern.Length == 0 || pattern.StartsWith('#'))
            {
                continue;
            }

            if (pattern.StartsWith('!'))
            {
                throw new PackagingException($"exclude[{i}]: \"{pattern}\": re-including with ! is not supported");
            }

            var directoriesOnly = pattern.EndsWith('/');
            var body = pattern.TrimEnd('/');
            var anchored = body.Contains('/');
            body = body.TrimStart('/');
            if (body.Length == 0 || body.Split('/').Any(segment => segment is ".." or "."))
            {
                throw new PackagingException($"exclude[{i}]: \"{pattern}\" is not a pattern inside the app directory");
            }

            compiled.Add((new Regex(ToRegex(body, anchored), RegexOptions.CultureInvariant), directoriesOnly));
        }

        _patterns = compiled;
    }

    /// <summary>True when <paramref name="relativePath"/> (with <c>/</c> separators) is excluded.</summary>
    public bool IsExcluded(string relativePath, bool isDirectory) =>
        _patterns.Any(p => (isDirectory || !p.DirectoriesOnly) && p.Pattern.IsMatch(relativePath));

    private static string ToRegex(string glob, bool anchored)
    {
        var regex = new StringBuilder("^");
        if (!anchored)
        {
            regex.Append("(?:.*/)?");
        }

        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var followedBySlash = i + 2 < glob.Length && glob[i + 2] == '/';
                regex.Append(followedBySlash ? "(?:.*/)?" : ".*");
                i += followedBySlash ? 2 : 1;
            }
            else if (glob[i] == '*')
            {
                regex.Append("[^/]*");
            }
            else if (glob[i] == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(glob[i].ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
