using System.Text.Json;
using System.Text.Json.Serialization;

namespace MiniPaas.Docker.Serialization;

/// <summary>
/// Reads engine timestamps into <see cref="DateTimeOffset"/>; Go's zero time
/// (<c>0001-01-01T00:00:00Z</c>, meaning "never") and unparsable text become null.
/// </summary>
internal sealed class DockerTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return null;
        }

        var text = reader.GetString();
        if (text is null || !DockerTimestamp.TryParse(text, out var value) || value.Year <= 1)
        {
            return null;
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } timestamp)
        {
            writer.WriteStringValue(timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
