using System.Globalization;
using System.Text;

namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>
/// PrometheusText parses the Prometheus text exposition format (version 0.0.4): comments and
/// blank lines are skipped, labels are unescaped, an optional timestamp is ignored. A line it
/// cannot read is an error naming the line, because silently dropping samples would draw wrong charts.
/// </summary>
internal static class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.TrimEnd('\r').Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line, lineNumber));
        }

        return samples;
    }

    private static PrometheusSample ParseLine(string line, int lineNumber)
    {
        var position = 0;
        while (position < line.Length && line[position] is not ('{' or ' ' or '\t'))
        {
            position++;
        }

        var name = line[..position];
        if (name.Length == 0)
        {
            throw new FormatException($"metrics line {lineNumber}: no metric name in \"{line}\"");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (position < line.Length && line[position] == '{')
        {
            position = ParseLabels(line, position + 1, labels, lineNumber);
        }

        var rest = line[position..].Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is < 1 or > 2 || !TryParseValue(rest[0], out var value))
        {
            throw new FormatException($"metrics line {lineNumber}: no numeric value in \"{line}\"");
        }

        return new PrometheusSample(name, labels, value);
    }

    // Returns the position after the closing brace.
    private static int ParseLabels(string line, int position, Dictionary<string, string> labels, int lineNumber)
    {
        while (true)
        {
            while (position < line.Length && line[position] is ' ' or ',')
            {
                position++;
            }

            if (position < line.Length && line[position] == '}')
            {
                return position + 1;
            }

            var equals = line.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
            {
                throw new FormatException($"metrics line {lineNumber}: malformed labels in \"{line}\"");
            }

            var labelName = line[position..equals].Trim();
            var value = new StringBuilder();
            position = equals + 2;
            while (true)
            {
                if (position >= line.Length)
                {
                    throw new FormatException($"metrics line {lineNumber}: unterminated label value in \"{line}\"");
                }

                var c = line[position++];
                if (c == '"')
                {
                    break;
                }

                if (c == '\\' && position < line.Length)
                {
                    var escaped = line[position++];
                    value.Append(escaped switch { 'n' => '\n', _ => escaped });
                    continue;
                }

                value.Append(c);
            }

            labels[labelName] = value.ToString();
        }
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
