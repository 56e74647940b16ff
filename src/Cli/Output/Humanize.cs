using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Output;

/// <summary>Short human forms of the values replies carry: ages, states, digests, versions.</summary>
internal static class Humanize
{
    /// <summary>How long ago <paramref name="time"/> was, e.g. <c>42s ago</c>, <c>3m ago</c>, <c>2h ago</c>; "-" when unset.</summary>
    public static string Ago(Timestamp? time, DateTimeOffset now)
    {
        if (time is null || (time.Seconds == 0 && time.Nanos == 0))
        {
            return "-";
        }

        var elapsed = now - time.ToDateTimeOffset();
        return Duration(elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed) + " ago";
    }

    /// <summary>A duration in its largest whole unit: <c>42s</c>, <c>3m</c>, <c>2h</c>, <c>5d</c>.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalSeconds}s")
        : span.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes}m")
        : span.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d");

    /// <summary>The instance state as a lowercase word, e.g. <c>running</c>.</summary>
    public static string State(InstanceState state) => state switch
    {
        InstanceState.Pending => "pending",
        InstanceState.Starting => "starting",
        InstanceState.Running => "running",
        InstanceState.Crashed => "crashed",
        InstanceState.Stopped => "stopped",
        InstanceState.Lost => "lost",
        _ => "unknown",
    };

    /// <summary><c>sha256:</c> plus the first 12 hex digits, enough to tell releases apart.</summary>
    public static string ShortDigest(string digest)
    {
        const int shown = 12;
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && digest.Length > colon + 1 + shown ? digest[..(colon + 1 + shown)] : digest;
    }

    /// <summary>A release version as users type it: <c>v3</c>; "-" for none.</summary>
    public static string Version(int version) =>
        version > 0 ? string.Create(CultureInfo.InvariantCulture, $"v{version}") : "-";

    /// <summary>A local wall-clock time for event lists.</summary>
    public static string Time(Timestamp? time, TimeZoneInfo zone) =>
        time is null
            ? "-"
            : TimeZoneInfo.ConvertTime(time.ToDateTimeOffset(), zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A byte count in the largest unit that keeps it readable: <c>512 B</c>, <c>12.3 KB</c>, <c>4.5 MB</c>.</summary>
    public static string Bytes(long bytes) =>
        bytes < 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
        : bytes < 1024 * 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KB")
        : bytes < 1024L * 1024 * 1024 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GB");

    /// <summary>Text or "-" when empty, so empty cells stay visible in a table.</summary>
    public static string OrDash(string? text) => string.IsNullOrEmpty(text) ? "-" : text;
}
