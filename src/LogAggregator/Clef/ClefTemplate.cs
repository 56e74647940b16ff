using System.Text;
using System.Text.Json;

namespace MiniPaas.LogAggregator.Clef;

/// <summary>
/// ClefTemplate renders a message template (<c>@mt</c>) with the event's properties, as Seq shows
/// it: <c>{Name}</c>, <c>{@Name}</c>, <c>{$Name}</c>, <c>{Name:format}</c>, <c>{Name,align}</c>;
/// <c>{{</c> and <c>}}</c> are literal braces; a missing property leaves its token as written.
/// </summary>
internal static class ClefTemplate
{
    public static string Render(string template, JsonElement properties)
    {
        var output = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{')
            {
                output.Append('{');
                i += 2;
                continue;
            }

            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}')
            {
                output.Append('}');
                i += 2;
                continue;
            }

            if (c != '{')
            {
                output.Append(c);
                i++;
                continue;
            }

            var close = template.IndexOf('}', i + 1);
            if (close < 0)
            {
                output.Append(template, i, template.Length - i);
                break;
            }

            var token = template.AsSpan(i + 1, close - i - 1);
            var name = token.TrimStart("@$");
            var end = name.IndexOfAny(',', ':');
            if (end >= 0)
            {
                name = name[..end];
            }

            if (name.Length > 0 && properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var value))
            {
                output.Append(ValueText(value));
            }
            else
            {
                output.Append(template, i, close - i + 1);
            }

            i = close + 1;
        }

        return output.ToString();
    }

    /// <summary>Strings without quotes, everything else as its JSON text.</summary>
    public static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        _ => value.GetRawText(),
    };
}
