using System.Globalization;

namespace MiniPaas.Cli.Units;

/// <summary>
/// Parses and formats memory and disk sizes the way cf does: a whole number with a unit
/// (<c>64M</c>, <c>512MB</c>, <c>1G</c>, <c>2GB</c>, <c>1T</c>), case-insensitive, in megabytes.
/// </summary>
internal static class MegabyteSize
{
    /// <summary>The hint appended to every size error, so the user sees a valid form.</summary>
    public const string Hint = "use 64M or 1G";

    /// <summary>Parses <paramref name="text"/> into megabytes, or returns false with no value.</summary>
    public static bool TryParse(string? text, out long megabytes)
    {
        megabytes = 0;
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

        if (digits == 0 || !long.TryParse(trimmed.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        long? multiplier = trimmed[digits..].Trim().ToUpperInvariant() switch
        {
            "M" or "MB" => 1,
            "G" or "GB" => 1024,
            "T" or "TB" => 1024 * 1024,
            _ => null,
        };
        if (multiplier is null)
        {
            return false;
        }

        try
        {
            megabytes = checked(amount * multiplier.Value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats megabytes the short way cf prints them: <c>64M</c>, <c>1G</c>, <c>1536M</c>.</summary>
    public static string Format(long megabytes) =>
        megabytes > 0 && megabytes % 1024 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{megabytes / 1024}G")
            : string.Create(CultureInfo.InvariantCulture, $"{megabytes}M");
}
