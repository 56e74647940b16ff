using System.Globalization;

namespace MiniPaas.Cli.Units;

/// <summary>
/// Parses durations written in a manifest: <c>500ms</c>, <c>5s</c>, <c>2m</c>, or a bare number of
/// seconds (cf's <c>timeout: 60</c>).
/// </summary>
internal static class DurationText
{
    /// <summary>The hint appended to every duration error.</summary>
    public const string Hint = "use e.g. 30s, 500ms, 2m or a number of seconds";

    /// <summary>Parses <paramref name="text"/>; only positive durations are accepted.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || !int.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? unit = trimmed[digits..].Trim().ToLowerInvariant() switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "" or "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        duration = unit.Value * amount;
        return duration <= TimeSpan.FromDays(1);
    }
}
