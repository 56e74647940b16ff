using System.Globalization;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// ProcFs reads what <c>/proc</c> says about a process: whether it is alive and its command line.
/// A zombie counts as dead: when <c>up</c> has exited, nobody but init reaps the components, and in
/// a container init may never do it.
/// </summary>
internal static class ProcFs
{
    /// <summary>True when <paramref name="pid"/> exists and is neither a zombie nor dead.</summary>
    public static bool IsAlive(int pid)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name in parentheses may contain spaces; the state follows the last ')'.
            var afterName = stat.LastIndexOf(')');
            return afterName >= 0 && afterName + 2 < stat.Length && stat[afterName + 2] is not ('Z' or 'X' or 'x');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The process's argv, or null when it is gone.</summary>
    public static IReadOnlyList<string>? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cmdline");
            return raw.Length == 0 ? null : raw.TrimEnd('\0').Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="pid"/> is alive and runs exactly <paramref name="argv"/>.</summary>
    public static bool Runs(int pid, IReadOnlyList<string> argv) =>
        IsAlive(pid) && CommandLine(pid) is { } actual && actual.SequenceEqual(argv, StringComparer.Ordinal);
}
