using System.Globalization;
using System.Text.Json;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Ingest;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Clef;

/// <summary>
/// ClefParser reads Seq's compact log event format (CLEF): one JSON object per line with
/// <c>@t</c> (ISO 8601 time), <c>@m</c> (message) or <c>@mt</c> (template), <c>@l</c> (level,
/// default Information), <c>@x</c> (exception), <c>@i</c> (event id) and any other properties
/// (a leading <c>@</c> in a property name is escaped as <c>@@</c>). Every line is checked before
/// any is stored: one bad line fails the whole request, naming its line number.
/// </summary>
internal sealed class ClefParser
{
    private readonly LineNormalizer _normalizer;
    private readonly TimeProvider _time;

    public ClefParser(LineNormalizer normalizer, TimeProvider time)
    {
        _normalizer = normalizer;
        _time = time;
    }

    /// <param name="body">The request body.</param>
    /// <param name="appFromQuery">The <c>?app=</c> parameter, which wins over event properties.</param>
    /// <param name="instanceFromQuery">The <c>?instance=</c> parameter, which wins over event properties.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    public async Task<ClefBatch> ParseAsync(Stream body, string? appFromQuery, string? instanceFromQuery, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(appFromQuery) && AppNames.Validate(appFromQuery) is { } queryProblem)
        {
            return Fail($"query parameter app: {queryProblem}");
        }

        var lines = new List<PendingLine>();
        long truncated = 0;
        using var reader = new StreamReader(body, leaveOpen: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var problem = ParseLine(text, appFromQuery, instanceFromQuery, out var line, out var wasTruncated);
            if (problem is not null)
            {
                return Fail($"line {number}: {problem}");
            }

            lines.Add(line);
            truncated += wasTruncated ? 1 : 0;
        }

        return lines.Count == 0 ? Fail("the body holds no events (expected one CLEF JSON object per line)") : new ClefBatch(lines, truncated, null);
    }

    private static ClefBatch Fail(string error) => new([], 0, error);

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "...";

    private static bool IsErrorLevel(string level) =>
        level.StartsWith("warn", StringComparison.OrdinalIgnoreCase)
        || level.StartsWith("err", StringComparison.OrdinalIgnoreCase)
        || level.StartsWith("fatal", StringComparison.OrdinalIgnoreCase)
        || level.StartsWith("crit", StringComparison.OrdinalIgnoreCase);

    private string? ParseLine(string text, string? appFromQuery, string? instanceFromQuery, out PendingLine line, out bool truncated)
    {
        line = default;
        truncated = false;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException error)
        {
            return $"not valid JSON ({error.Message})";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object, found {root.ValueKind.ToString().ToLowerInvariant()}";
            }

            string? message = null, template = null, level = null, exception = null, eventId = null;
            DateTimeOffset? timestamp = null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "@t":
                        if (property.Value.ValueKind != JsonValueKind.String
                            || !DateTimeOffset.TryParse(property.Value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                        {
                            return $"@t must be an ISO 8601 timestamp string, found {Shorten(property.Value.GetRawText())}";
                        }

                        timestamp = parsed;
                        break;
                    case "@m":
                        message = RequireString(property, out var problem) ?? "";
                        if (problem is not null)
                        {
                            return problem;
                        }

                        break;
                    case "@mt":
                        template = RequireString(property, out problem);
                        if (problem is not null)
                        {
                            return problem;
                        }

                        break;
                    case "@l":
                        level = RequireString(property, out problem);
                        if (problem is not null)
                        {
                            return problem;
                        }

                        break;
                    case "@x":
                        exception = RequireString(property, out problem);
                        if (problem is not null)
                        {
                            return problem;
                        }

                        break;
                    case "@i":
                        eventId = ClefTemplate.ValueText(property.Value);
                        break;
                    case "@r":
                        // Renderings of formatted tokens; the stored message is rendered here instead.
                        break;
                    default:
                        if (property.Name.StartsWith("@@", StringComparison.Ordinal))
                        {
                            fields[property.Name[1..]] = ClefTemplate.ValueText(property.Value);
                        }
                        else if (!property.Name.StartsWith('@'))
                        {
                            fields[property.Name] = ClefTemplate.ValueText(property.Value);
                        }

                        break;
                }
            }

            var app = !string.IsNullOrEmpty(appFromQuery) ? appFromQuery
                : fields.TryGetValue("Application", out var application) ? application
                : fields.TryGetValue("app", out var appProperty) ? appProperty
                : null;
            if (app is null)
            {
                return "no app: pass ?app=NAME or give the event an 'Application' or 'app' property";
            }

            if (AppNames.Validate(app) is { } appProblem)
            {
                return appProblem;
            }

            var instance = !string.IsNullOrEmpty(instanceFromQuery) ? instanceFromQuery
                : fields.TryGetValue("InstanceIndex", out var index) ? index
                : fields.TryGetValue("instance", out var instanceProperty) ? instanceProperty
                : "";
            if (instance.Length > 128)
            {
                return $"instance '{Shorten(instance)}' is longer than 128 characters";
            }

            var rendered = message ?? (template is not null ? ClefTemplate.Render(template, root) : null);
            if (rendered is null && exception is null)
            {
                return "the event has no message: give it @m, @mt or @x";
            }

            if (exception is not null)
            {
                rendered = rendered is null ? exception : rendered + Environment.NewLine + exception;
            }

            level ??= "Information";
            fields["level"] = level;
            if (template is not null)
            {
                fields["template"] = template;
            }

            if (eventId is not null)
            {
                fields["event_id"] = eventId;
            }

            if (_normalizer.CheckFields(fields) is { } fieldsProblem)
            {
                return fieldsProblem;
            }

            var stored = _normalizer.Truncate(rendered!, out truncated);
            line = new PendingLine(
                app,
                new LogLine(timestamp ?? _time.GetUtcNow(), LogSourceTypes.App, instance, IsErrorLevel(level) ? LineStream.Err : LineStream.Out, stored, fields));
            return null;
        }
    }

    private static string? RequireString(JsonProperty property, out string? problem)
    {
        if (property.Value.ValueKind == JsonValueKind.String)
        {
            problem = null;
            return property.Value.GetString();
        }

        problem = $"{property.Name} must be a string, found {property.Value.ValueKind.ToString().ToLowerInvariant()}";
        return null;
    }
}
