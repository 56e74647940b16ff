using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniPaas.Staging.Logging;
using MiniPaas.Staging.Processes;

namespace MiniPaas.Staging.Stacks;

/// <summary>
/// Builds a source .NET app the way a buildpack would: <c>dotnet publish -c Release</c> on the
/// host, its output streamed line by line, bounded by <see cref="StagingOptions.PublishTimeout"/>.
/// Restore uses the machine's normal NuGet configuration.
/// </summary>
internal sealed class DotnetPublisher(StagingOptions options, ILogger logger, TimeProvider timeProvider)
{
    public async Task PublishAsync(string projectFile, string outputDirectory, IReadOnlyDictionary<string, string> environment, IProgress<string> output, CancellationToken cancellationToken)
    {
        var dotnet = Path.Combine(options.DotnetRoot, "dotnet");
        var startInfo = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = Path.GetDirectoryName(projectFile)!,
        };
        foreach (var argument in new[]
        {
            "publish", projectFile, "-c", "Release", "-o", outputDirectory, "--nologo",
            // Build servers would outlive the staging and keep cores busy.
            "--disable-build-servers",
            // The image starts the app with "dotnet App.dll"; a native launcher would be dead weight.
            "-p:UseAppHost=false",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        StagingLog.PublishStarted(logger, projectFile);
        var started = timeProvider.GetTimestamp();
        int exitCode;
        try
        {
            exitCode = await ProcessRunner.RunAsync(startInfo, line => output.Report("       " + line), options.PublishTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new StagingException($"dotnet publish of '{Path.GetFileName(projectFile)}' did not finish within {options.PublishTimeout} (StagingOptions.PublishTimeout).", ex);
        }

        StagingLog.PublishCompleted(logger, projectFile, exitCode, (long)timeProvider.GetElapsedTime(started).TotalMilliseconds);
        if (exitCode != 0)
        {
            throw new StagingException($"dotnet publish of '{Path.GetFileName(projectFile)}' failed with exit code {exitCode}; its output above says why.");
        }
    }
}
