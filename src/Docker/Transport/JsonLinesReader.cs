using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiniPaas.Docker.Transport;

/// <summary>Reads the engine's streams of one JSON object per line (events, pull/load/import progress).</summary>
internal static class JsonLinesReader
{
    private const int MaxQuotedLength = 200;

    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream,
        JsonTypeInfo<T> typeInfo,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize(line, typeInfo);
            }
            catch (JsonException exception)
            {
                var quoted = line.Length > MaxQuotedLength ? line[..MaxQuotedLength] + "..." : line;
                throw new InvalidDataException($"The engine sent a stream line that is not the expected JSON: '{quoted}'.", exception);
            }

            if (value is not null)
            {
                yield return value;
            }
        }
    }
}
