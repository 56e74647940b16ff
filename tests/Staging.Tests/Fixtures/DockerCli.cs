using System.Diagnostics;

namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>
/// The real Docker engine, driven through its CLI with a private DOCKER_CONFIG (no credentials or
/// settings of the machine leak in). Everything it creates carries <see cref="TestLabel"/>.
/// </summary>
internal sealed class DockerCli : IDisposable
{
    public const string TestLabel = "io.minipaas.test=staging";

    private readonly string _configDirectory = Directory.CreateTempSubdirectory("minipaas-staging-docker-").FullName;

    public static string Executable { get; } = File.Exists("/usr/local/bin/docker") ? "/usr/local/bin/docker" : "/usr/bin/docker";

    public async Task<string> RunAsync(params string[] arguments)
    {
        var (exitCode, output, errors) = await TryRunAsync(arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} failed ({exitCode}): {errors}{output}");
        }

        return output.Trim();
    }

    public async Task<(int ExitCode, string Output, string Errors)> TryRunAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["DOCKER_CONFIG"] = _configDirectory },
        };
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start docker.");
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"docker {string.Join(' ', arguments)} did not finish within 5 minutes.");
        }

        return (process.ExitCode, await output, await errors);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_configDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Scratch configuration only.
        }
    }
}
