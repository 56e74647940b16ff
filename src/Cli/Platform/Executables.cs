using System.Diagnostics;

namespace MiniPaas.Cli.Platform;

/// <summary>Finds programs on PATH (plus the sbin directories root tools live in) and runs short helper commands.</summary>
internal static class Executables
{
    /// <summary>The full path of <paramref name="name"/>, or null when it is not installed.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The dotnet host to start components with: the one running this CLI when it runs under
    /// <c>dotnet</c>, else the first on PATH.
    /// </summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } current && Path.GetFileName(current) == "dotnet"
            ? current
            : Find("dotnet") ?? "dotnet";

    /// <summary>Runs <paramref name="argv"/> to completion, output appended to <paramref name="logPath"/>; returns its exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> argv, string logPath, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("minipaas-run");
        start.ArgumentList.Add(logPath);
        foreach (var argument in argv)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}
