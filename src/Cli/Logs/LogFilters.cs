using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf.WellKnownTypes;
using MiniPaas.Cli.Hosting;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;

namespace MiniPaas.Cli.Logs;

/// <summary>
/// Turns the <c>logs</c> flags into a <see cref="LogQuery"/>: <c>--source</c> (APP, RTR, API, CELL,
/// STG, LGR, any case, comma-separated or repeated; <c>APP/1</c> also picks the instance), <c>--since</c>
/// (<c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c> ago, or an ISO 8601 time; without an offset it is local
/// time), <c>--grep</c> (case-insensitive text) and <c>-n</c>. Bad values throw <see cref="CliException"/> naming the flag.
/// </summary>
internal static partial class LogFilters
{
    /// <summary>Most lines the aggregator returns at once.</summary>
    public const int MaxLines = 10_000;

    public static LogQuery Build(string app, int lines, IReadOnlyList<string> sources, string? since, string? grep, DateTimeOffset now, TimeZoneInfo localZone)
    {
        if (lines is < 1 or > MaxLines)
        {
            throw new CliException($"-n: must be between 1 and {MaxLines}, not {lines}");
        }

        var query = new LogQuery { App = app, Limit = lines, Text = grep ?? string.Empty };
        foreach (var source in sources.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var slash = source.IndexOf('/', StringComparison.Ordinal);
            var type = (slash < 0 ? source : source[..slash]).ToUpperInvariant();
            if (!LogSourceTypes.IsKnown(type))
            {
                throw new CliException($"--source: \"{source}\" is not one of {string.Join(", ", LogSourceTypes.All)} (optionally with /INSTANCE, e.g. APP/0)");
            }

            if (!query.SourceTypes.Contains(type))
            {
                query.SourceTypes.Add(type);
            }

            if (slash >= 0)
            {
                var instance = source[(slash + 1)..];
                if (instance.Length == 0 || (query.SourceInstance.Length > 0 && query.SourceInstance != instance))
                {
                    throw new CliException($"--source: \"{source}\": give one instance, e.g. APP/0");
                }

                query.SourceInstance = instance;
            }
        }

        if (!string.IsNullOrWhiteSpace(since))
        {
            query.Since = Timestamp.FromDateTimeOffset(ParseSince(since.Trim(), now, localZone));
        }

        return query;
    }

    /// <summary>A relative age (<c>90s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>) before <paramref name="now"/>, or an absolute ISO 8601 time.</summary>
    public static DateTimeOffset ParseSince(string text, DateTimeOffset now, TimeZoneInfo localZone)
    {
        var relative = RelativeAge().Match(text);
        if (relative.Success)
        {
            var amount = long.Parse(relative.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = relative.Groups[2].Value;
            var age = unit switch
            {
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return now - age;
        }

        var hasOffset = text.EndsWith('Z') || OffsetSuffix().IsMatch(text);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local) && !hasOffset)
        {
            var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
            return new DateTimeOffset(unspecified, localZone.GetUtcOffset(unspecified));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var absolute))
        {
            return absolute;
        }

        throw new CliException($"--since: \"{text}\" is neither an age (30s, 5m, 2h, 1d) nor a time (2026-11-22T01:02:03Z, 2026-11-22 01:02)");
    }

    [GeneratedRegex("^([0-9]{1,9})(s|m|h|d)$")]
    private static partial Regex RelativeAge();

    [GeneratedRegex("[+-][0-9]{2}:?[0-9]{2}$")]
    private static partial Regex OffsetSuffix();
}
