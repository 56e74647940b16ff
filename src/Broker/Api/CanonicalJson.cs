using System.Text;
using System.Text.Json;

namespace MiniPaas.Broker.Api;

/// <summary>
/// JSON with object keys sorted and no insignificant whitespace, so two requests with the same parameters in a
/// different key order compare equal as text (provisioning and binding are idempotent on equal attributes).
/// </summary>
internal static class CanonicalJson
{
    public const string EmptyObject = "{}";

    public static string Write(JsonElement? element)
    {
        if (element is not { } value)
        {
            return EmptyObject;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteElement(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteElement(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteElement(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteElement(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
