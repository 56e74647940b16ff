using System.Diagnostics;
using System.Text;

namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>
/// The Python Echo server as a child process. It binds 127.0.0.1:0 itself and prints
/// "READY &lt;port&gt;", so there is no port race and no sleeping; it is stopped by its PID.
/// </summary>
internal sealed class PythonEchoServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private PythonEchoServer(Process process, StringBuilder stderr, int port)
    {
        _process = process;
        _stderr = stderr;
        Address = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Address { get; }

    public static async Task<PythonEchoServer> StartAsync(string python, string script, string stubDirectory)
    {
        var startInfo = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(script);
        startInfo.ArgumentList.Add(stubDirectory);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {python} {script}.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            using var deadline = new CancellationTokenSource(TestTimeouts.Process);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(deadline.Token)
                    ?? throw new InvalidOperationException($"The Python echo server exited before it was ready: {Snapshot(stderr)}");
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                {
                    return new PythonEchoServer(process, stderr, int.Parse(line["READY ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (OperationCanceledException)
        {
            Stop(process);
            throw new TimeoutException($"The Python echo server did not print READY within {TestTimeouts.Process}: {Snapshot(stderr)}");
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public string Stderr => Snapshot(_stderr);

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
    }

    private static string Snapshot(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString();
        }
    }
}
