using System.Globalization;
using System.Text;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>LineNormalizer applies the size rules every ingestion path shares.</summary>
internal sealed class LineNormalizer
{
    public LineNormalizer(int maxLineBytes)
    {
        MaxLineBytes = maxLineBytes;
    }

    public int MaxLineBytes { get; }

    /// <summary>
    /// Returns the message cut to <see cref="MaxLineBytes"/> UTF-8 bytes (at a character boundary)
    /// with a " [truncated N bytes]" marker, or the message itself when it fits.
    /// </summary>
    public string Truncate(string message, out bool truncated)
    {
        // Most lines are far below the limit; skip counting bytes for them.
        if (message.Length * 3L <= MaxLineBytes)
        {
            truncated = false;
            return message;
        }

        var bytes = Encoding.UTF8.GetByteCount(message);
        if (bytes <= MaxLineBytes)
        {
            truncated = false;
            return message;
        }

        var keptChars = 0;
        var keptBytes = 0;
        while (keptChars < message.Length)
        {
            var width = char.IsHighSurrogate(message[keptChars]) && keptChars + 1 < message.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(message.AsSpan(keptChars, width));
            if (keptBytes + size > MaxLineBytes)
            {
                break;
            }

            keptBytes += size;
            keptChars += width;
        }

        truncated = true;
        return string.Create(CultureInfo.InvariantCulture, $"{message.AsSpan(0, keptChars)} [truncated {bytes - keptBytes} bytes]");
    }

    /// <summary>Null when the fields fit in <see cref="MaxLineBytes"/>, otherwise why they do not.</summary>
    public string? CheckFields(IEnumerable<KeyValuePair<string, string>> fields)
    {
        long total = 0;
        foreach (var (key, value) in fields)
        {
            total += Encoding.UTF8.GetByteCount(key) + Encoding.UTF8.GetByteCount(value);
        }

        return total > MaxLineBytes
            ? $"fields take {total} bytes, more than the {MaxLineBytes} bytes allowed per line (MaxLineBytes)"
            : null;
    }
}
