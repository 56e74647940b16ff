using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace MiniPaas.Logging.Client;

/// <summary>
/// SerilogRendering renders an event's message the way a log line should read: string properties
/// without the quotes Serilog's default rendering adds (as the <c>:l</c> format would), everything
/// else as Serilog renders it; the exception, if any, on the following lines.
/// </summary>
internal static class SerilogRendering
{
    public static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property
                && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string text })
            {
                writer.Write(text);
            }
            else
            {
                token.Render(logEvent.Properties, writer, CultureInfo.InvariantCulture);
            }
        }

        if (logEvent.Exception is { } exception)
        {
            writer.WriteLine();
            writer.Write(exception);
        }

        return writer.ToString();
    }

    /// <summary>The event's properties as text fields, plus its level.</summary>
    public static Dictionary<string, string> Fields(LogEvent logEvent)
    {
        var fields = new Dictionary<string, string>(logEvent.Properties.Count + 1, StringComparer.Ordinal)
        {
            ["level"] = logEvent.Level.ToString(),
        };
        foreach (var (name, value) in logEvent.Properties)
        {
            fields[name] = value is ScalarValue { Value: string text } ? text : value.ToString(null, CultureInfo.InvariantCulture);
        }

        return fields;
    }
}
