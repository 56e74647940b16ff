using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MiniPaas.LogAggregator.Tests.Infrastructure;

/// <summary>
/// The aggregator run as a child process (<c>dotnet MiniPaas.LogAggregator.dll</c>) on free ports;
/// its addresses come from its "listening" log line. Killed by its PID when disposed.
/// </summary>
internal sealed partial class AggregatorProcess : IAsyncDisposable
{
    public const string Token = "aggregator-process-token";

    private readonly Process _process;
    private readonly List<string> _output;

    private AggregatorProcess(Process process, List<string> output, Uri grpc, Uri http)
    {
        _process = process;
        _output = output;
        GrpcAddress = grpc;
        HttpAddress = http;
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static async Task<AggregatorProcess> StartAsync(string dataDirectory, params string[] extraSettings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(RepositoryPaths.AggregatorAssembly);
        foreach (var setting in new[]
        {
            $"--MiniPaas:LogAggregator:DataDirectory={dataDirectory}",
            "--MiniPaas:LogAggregator:GrpcEndpoint=127.0.0.1:0",
            "--MiniPaas:LogAggregator:HttpEndpoint=127.0.0.1:0",
            $"--MiniPaas:LogAggregator:Token={Token}",
        }.Concat(extraSettings))
        {
            start.ArgumentList.Add(setting);
        }

        var output = new List<string>();
        var listening = new TaskCompletionSource<(Uri, Uri)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line);
            }

            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                listening.TrySetResult((new Uri(match.Groups["grpc"].Value), new Uri(match.Groups["http"].Value)));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("the aggregator exited before listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (grpc, http) = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return new AggregatorProcess(process, output, grpc, http);
        }
        catch (Exception error)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            string text;
            lock (output)
            {
                text = string.Join('\n', output);
            }

            process.Dispose();
            throw new InvalidOperationException($"the aggregator did not start: {error.Message}\n{text}", error);
        }
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown code runs, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    [GeneratedRegex(@"gRPC (?<grpc>http://[0-9.:]+)/?, HTTP (?<http>http://[0-9.:]+)/?,")]
    private static partial Regex ListeningLine();
}
