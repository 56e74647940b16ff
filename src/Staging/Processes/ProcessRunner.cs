using System.Diagnostics;

namespace MiniPaas.Staging.Processes;

/// <summary>
/// Runs a host tool (busybox, ldd, dotnet publish) with a deadline, handing over its output line
/// by line as it comes so a long build streams to the person waiting on it.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>Runs the process and returns its exit code; kills the whole tree on timeout or cancellation.</summary>
    /// <exception cref="TimeoutException">The process outlived <paramref name="timeout"/>.</exception>
    public static async Task<int> RunAsync(ProcessStartInfo startInfo, Action<string> onLine, TimeSpan timeout, CancellationToken cancellationToken)
    {
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StagingException($"Cannot start '{startInfo.FileName}': {ex.Message}", ex);
        }

        // Nothing is ever typed into a build; a closed stdin keeps a prompting tool from hanging.
        process.StandardInput.Close();

        var gate = new object();
        void Deliver(string line)
        {
            lock (gate)
            {
                onLine(line);
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var stdout = PumpAsync(process.StandardOutput, Deliver);
        var stderr = PumpAsync(process.StandardError, Deliver);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{startInfo.FileName}' did not finish within {timeout}.");
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode;
    }

    /// <summary>Runs a short tool and returns its exit code and everything it printed on stdout.</summary>
    public static async Task<(int ExitCode, string Output)> CaptureAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.RedirectStandardInput = true;
        startInfo.UseShellExecute = false;
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new StagingException($"Cannot start '{fileName}': {ex.Message}", ex);
        }

        process.StandardInput.Close();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            return (process.ExitCode, text);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"'{fileName}' did not finish within {timeout}.");
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        string? line;
        while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            onLine(line);
        }
    }
}
