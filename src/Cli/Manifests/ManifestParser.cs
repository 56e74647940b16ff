using System.Globalization;
using System.Text.RegularExpressions;
using MiniPaas.Cli.Units;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MiniPaas.Cli.Manifests;

/// <summary>
/// Reads <c>minipaas.yml</c>: a cf-manifest-like file with one application, either as top-level keys
/// or as the single entry of an <c>applications:</c> list. Every problem is a
/// <see cref="ManifestException"/> naming the field, and unknown fields are errors too, because a
/// misspelt key silently ignored is a setting the user believes they made.
/// </summary>
internal static partial class ManifestParser
{
    /// <summary>The manifest file name looked up in an app directory.</summary>
    public const string DefaultFileName = "minipaas.yml";

    private static readonly string[] AppKeys =
    [
        "name", "instances", "memory", "disk", "disk_quota", "disk-quota", "command", "stack", "buildpack",
        "buildpacks", "path", "env", "health_check", "health-check-type", "health-check-http-endpoint",
        "timeout", "exclude", "load_balancing", "sticky_sessions",
    ];

    /// <summary>The router's load-balancing policies; the first is the default.</summary>
    public static readonly IReadOnlyList<string> LoadBalancingPolicies = ["round_robin", "least_requests", "power_of_two_choices"];

    private static readonly string[] HealthCheckKeys = ["type", "endpoint", "timeout", "interval", "failure_threshold"];

    /// <summary>Reads and parses the manifest file at <paramref name="path"/>.</summary>
    public static AppManifest ParseFile(string path)
    {
        var sourceName = System.IO.Path.GetFileName(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ManifestException($"{path}: cannot read the manifest: {e.Message}");
        }

        return Parse(text, sourceName, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
    }

    /// <summary>
    /// Parses manifest text. <paramref name="sourceName"/> prefixes every error;
    /// <paramref name="baseDirectory"/> resolves a relative <c>path:</c>.
    /// </summary>
    public static AppManifest Parse(string text, string sourceName, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ManifestException(
                $"{sourceName}: line {e.Start.Line}, column {e.Start.Column}: {Innermost(e).Message}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way (without a position) on some unterminated flow collections.
            throw new ManifestException($"{sourceName}: is not valid YAML (look for an unclosed {{, [ or quote)");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            throw new ManifestException($"{sourceName}: the manifest is empty");
        }

        if (stream.Documents.Count > 1)
        {
            throw new ManifestException($"{sourceName}: holds {stream.Documents.Count} YAML documents; write one");
        }

        var reader = new FieldReader(sourceName);
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw reader.Error("", "the manifest must be a mapping of fields (name: hello, instances: 2, ...)");
        }

        if (!root.Children.ContainsKey(new YamlScalarNode("applications")))
        {
            return ReadApplication(root, reader, "", sourceName, baseDirectory);
        }

        foreach (var key in root.Children.Keys)
        {
            var name = reader.KeyName(key, "");
            if (name is not ("applications" or "version"))
            {
                throw reader.Error(name, "unknown field beside applications: (put app settings inside the applications entry)");
            }
        }

        if (root.Children[new YamlScalarNode("applications")] is not YamlSequenceNode applications)
        {
            throw reader.Error("applications", "must be a list with one application");
        }

        if (applications.Children.Count != 1)
        {
            throw reader.Error(
                "applications",
                $"holds {applications.Children.Count} applications; minipaas pushes one app per manifest");
        }

        if (applications.Children[0] is not YamlMappingNode app)
        {
            throw reader.Error("applications[0]", "must be a mapping of fields (name: hello, ...)");
        }

        return ReadApplication(app, reader, "applications[0].", sourceName, baseDirectory);
    }

    private static AppManifest ReadApplication(
        YamlMappingNode node, FieldReader reader, string prefix, string sourceName, string baseDirectory)
    {
        var manifest = AppManifest.Empty(sourceName);
        string? healthType = null;
        string? healthEndpoint = null;
        TimeSpan? flatTimeout = null;
        ManifestHealthCheck? block = null;
        string? stack = null;
        var stackField = "";

        foreach (var (keyNode, value) in node.Children)
        {
            var key = reader.KeyName(keyNode, prefix);
            var field = prefix + key;
            switch (key)
            {
                case "name":
                    manifest = manifest with { Name = reader.AppName(field, value) };
                    break;
                case "instances":
                    manifest = manifest with { Instances = reader.WholeNumber(field, value, minimum: 0) };
                    break;
                case "memory":
                    manifest = manifest with { MemoryMb = reader.Size(field, value) };
                    break;
                case "disk" or "disk_quota" or "disk-quota":
                    if (manifest.DiskMb is not null)
                    {
                        throw reader.Error(field, "the disk size is given twice (disk, disk_quota, disk-quota mean the same)");
                    }

                    manifest = manifest with { DiskMb = reader.Size(field, value) };
                    break;
                case "command":
                    manifest = manifest with { Command = reader.Text(field, value) };
                    break;
                case "stack" or "buildpack" or "buildpacks":
                    var given = key == "buildpacks" ? reader.SingleItem(field, value) : reader.Text(field, value);
                    if (stack is not null && !string.Equals(stack, given, StringComparison.Ordinal))
                    {
                        throw reader.Error(field, $"\"{given}\" contradicts {stackField}: \"{stack}\"");
                    }

                    stack = given;
                    stackField = field;
                    break;
                case "path":
                    manifest = manifest with { Path = System.IO.Path.GetFullPath(reader.Text(field, value), baseDirectory) };
                    break;
                case "env":
                    manifest = manifest with { Env = reader.Environment(field, value) };
                    break;
                case "health_check":
                    block = ReadHealthCheck(field, value, reader);
                    break;
                case "health-check-type":
                    healthType = reader.HealthCheckType(field, value);
                    break;
                case "health-check-http-endpoint":
                    healthEndpoint = reader.Endpoint(field, value);
                    break;
                case "timeout":
                    flatTimeout = reader.Duration(field, value);
                    break;
                case "exclude":
                    manifest = manifest with { Exclude = reader.List(field, value) };
                    break;
                case "load_balancing":
                    manifest = manifest with { LoadBalancing = reader.OneOf(field, value, LoadBalancingPolicies, "policy") };
                    break;
                case "sticky_sessions":
                    manifest = manifest with { StickySessions = reader.Boolean(field, value) };
                    break;
                default:
                    throw reader.Error(field, UnknownFieldProblem(key, AppKeys));
            }
        }

        manifest = manifest with { Stack = stack };
        if (block is null && healthType is null && healthEndpoint is null && flatTimeout is null)
        {
            return manifest;
        }

        // cf's flat keys and the block may both appear; they must then agree.
        var merged = block ?? new ManifestHealthCheck();
        merged = merged with
        {
            Type = Agree(reader, prefix + "health-check-type", healthType, "health_check.type", merged.Type),
            Endpoint = Agree(reader, prefix + "health-check-http-endpoint", healthEndpoint, "health_check.endpoint", merged.Endpoint),
            StartupTimeout = Agree(reader, prefix + "timeout", flatTimeout, "health_check.timeout", merged.StartupTimeout),
        };
        return manifest with { HealthCheck = merged };
    }

    private static ManifestHealthCheck ReadHealthCheck(string field, YamlNode value, FieldReader reader)
    {
        if (value is not YamlMappingNode mapping)
        {
            throw reader.Error(field, "must be a mapping (type, endpoint, timeout, interval, failure_threshold)");
        }

        var check = new ManifestHealthCheck();
        foreach (var (keyNode, child) in mapping.Children)
        {
            var key = reader.KeyName(keyNode, field + ".");
            var childField = $"{field}.{key}";
            check = key switch
            {
                "type" => check with { Type = reader.HealthCheckType(childField, child) },
                "endpoint" => check with { Endpoint = reader.Endpoint(childField, child) },
                "timeout" => check with { StartupTimeout = reader.Duration(childField, child) },
                "interval" => check with { Interval = reader.Duration(childField, child) },
                "failure_threshold" => check with { FailureThreshold = reader.WholeNumber(childField, child, minimum: 1) },
                _ => throw reader.Error(childField, UnknownFieldProblem(key, HealthCheckKeys)),
            };
        }

        return check;
    }

    private static T? Agree<T>(FieldReader reader, string flatField, T? flat, string blockField, T? fromBlock)
    {
        if (flat is null)
        {
            return fromBlock;
        }

        if (fromBlock is not null && !EqualityComparer<T>.Default.Equals(flat, fromBlock))
        {
            throw reader.Error(flatField, $"\"{flat}\" contradicts {blockField}: \"{fromBlock}\"");
        }

        return flat;
    }

    private static string UnknownFieldProblem(string key, IReadOnlyList<string> known)
    {
        var closest = known
            .Select(k => (Key: k, Distance: EditDistance(key, k)))
            .Where(c => c.Distance <= Math.Max(2, c.Key.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
        return closest is null
            ? $"unknown field (known fields: {string.Join(", ", known)})"
            : $"unknown field (did you mean {closest}?)";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    internal static partial Regex AppNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentNamePattern();

    /// <summary>Reads typed values out of YAML nodes, turning every mismatch into an error naming the field.</summary>
    private sealed class FieldReader(string sourceName)
    {
        public ManifestException Error(string field, string problem) =>
            new(field.Length == 0 ? $"{sourceName}: {problem}" : $"{sourceName}: {field}: {problem}");

        public string KeyName(YamlNode key, string prefix) =>
            key is YamlScalarNode { Value: { Length: > 0 } name }
                ? name
                : throw Error(prefix.TrimEnd('.'), $"a field name must be plain text (line {key.Start.Line})");

        public string Text(string field, YamlNode value) =>
            Scalar(field, value) is { Length: > 0 } text ? text : throw Error(field, "has no value");

        public string AppName(string field, YamlNode value)
        {
            var name = Text(field, value);
            return AppNamePattern().IsMatch(name)
                ? name
                : throw Error(field, $"\"{name}\" is not a valid app name (lowercase letters, digits and '-', at most 63)");
        }

        public int WholeNumber(string field, YamlNode value, int minimum)
        {
            var text = Text(field, value);
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                throw Error(field, $"\"{text}\" is not a whole number");
            }

            return number >= minimum ? number : throw Error(field, $"must be at least {minimum}, not {number}");
        }

        public long Size(string field, YamlNode value)
        {
            var text = Text(field, value);
            return MegabyteSize.TryParse(text, out var megabytes)
                ? megabytes
                : throw Error(field, $"\"{text}\" is not a size ({MegabyteSize.Hint})");
        }

        public TimeSpan Duration(string field, YamlNode value)
        {
            var text = Text(field, value);
            return DurationText.TryParse(text, out var duration)
                ? duration
                : throw Error(field, $"\"{text}\" is not a duration ({DurationText.Hint})");
        }

        public string HealthCheckType(string field, YamlNode value)
        {
            var text = Text(field, value);
            // cf's deprecated "none" means "only check that the process runs".
            var type = text == "none" ? "process" : text;
            return ManifestHealthCheck.KnownTypes.Contains(type)
                ? type
                : throw Error(field, $"\"{text}\" is not a health check type (use {string.Join(", ", ManifestHealthCheck.KnownTypes)})");
        }

        public string Endpoint(string field, YamlNode value)
        {
            var text = Text(field, value);
            return text.StartsWith('/') && !text.Any(char.IsWhiteSpace)
                ? text
                : throw Error(field, $"\"{text}\" is not a path (it must start with /, e.g. /health)");
        }

        public string OneOf(string field, YamlNode value, IReadOnlyList<string> allowed, string what)
        {
            var text = Text(field, value);
            return allowed.Contains(text)
                ? text
                : throw Error(field, $"\"{text}\" is not a {what} (use {string.Join(", ", allowed)})");
        }

        public bool Boolean(string field, YamlNode value)
        {
            var text = Text(field, value);
            return text.ToLowerInvariant() switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Error(field, $"\"{text}\" is not true or false"),
            };
        }

        public IReadOnlyDictionary<string, string> Environment(string field, YamlNode value)
        {
            if (value is not YamlMappingNode mapping)
            {
                throw Error(field, "must be a mapping of NAME: value");
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (keyNode, child) in mapping.Children)
            {
                var name = KeyName(keyNode, field + ".");
                if (!EnvironmentNamePattern().IsMatch(name))
                {
                    throw Error($"{field}.{name}", "is not a valid environment variable name (letters, digits, _; not starting with a digit)");
                }

                environment[name] = child is YamlScalarNode scalar
                    ? scalar.Value ?? ""
                    : throw Error($"{field}.{name}", "must be a single value, not a list or mapping");
            }

            return environment;
        }

        public IReadOnlyList<string> List(string field, YamlNode value)
        {
            if (value is YamlScalarNode)
            {
                return [Text(field, value)];
            }

            if (value is not YamlSequenceNode sequence)
            {
                throw Error(field, "must be a list");
            }

            return sequence.Children.Select((item, i) => Text($"{field}[{i}]", item)).ToArray();
        }

        public string SingleItem(string field, YamlNode value)
        {
            var items = List(field, value);
            return items.Count == 1
                ? items[0]
                : throw Error(field, $"lists {items.Count} buildpacks; minipaas stages with exactly one stack");
        }

        private string? Scalar(string field, YamlNode value) =>
            value is YamlScalarNode scalar
                ? scalar.Value?.Trim()
                : throw Error(field, "must be a single value, not a list or mapping");
    }
}
