using System.Globalization;

namespace MiniPaas.Docker.Serialization;

/// <summary>
/// Parses the engine's RFC 3339 timestamps. The engine writes nanoseconds (9 fraction digits),
/// one more precision step than <see cref="DateTimeOffset"/> can parse, so the extra digits are
/// dropped before parsing.
/// </summary>
internal static class DockerTimestamp
{
    private const int MaxFractionDigits = 7;

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.IsEmpty || text.Length > 64)
        {
            return false;
        }

        Span<char> buffer = stackalloc char[text.Length];
        var length = 0;
        var timeStart = text.IndexOf('T');
        var dot = timeStart < 0 ? -1 : text[timeStart..].IndexOf('.');
        if (dot >= 0)
        {
            dot += timeStart;
            var fractionEnd = dot + 1;
            while (fractionEnd < text.Length && char.IsAsciiDigit(text[fractionEnd]))
            {
                fractionEnd++;
            }

            var keptEnd = Math.Min(fractionEnd, dot + 1 + MaxFractionDigits);
            text[..keptEnd].CopyTo(buffer);
            length = keptEnd;
            text[fractionEnd..].CopyTo(buffer[length..]);
            length += text.Length - fractionEnd;
        }
        else
        {
            text.CopyTo(buffer);
            length = text.Length;
        }

        return DateTimeOffset.TryParse(
            buffer[..length],
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>Formats a point in time the way the engine's <c>since</c>/<c>until</c> parameters expect: Unix seconds with a nanosecond fraction.</summary>
    public static string ToUnixSecondsText(DateTimeOffset value)
    {
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var remainderTicks);
        if (remainderTicks < 0)
        {
            seconds--;
            remainderTicks += TimeSpan.TicksPerSecond;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{remainderTicks * 100:D9}");
    }
}
