using System.Diagnostics;

namespace MiniPaas.Broker.Servers;

/// <summary>Runs the servers' administration commands (initdb, pg_ctl, chown) and waits for them with a deadline.</summary>
internal sealed class CommandRunner
{
    private readonly ILogger<CommandRunner> _logger;

    public CommandRunner(ILogger<CommandRunner> logger) => _logger = logger;

    /// <summary>Whether the broker runs as root, and so can start servers as their own OS users.</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Runs <paramref name="fileName"/> as <paramref name="osUser"/> (through <c>runuser</c> when the broker is root),
    /// or as the broker's own user when <paramref name="osUser"/> is <c>null</c> or already the current user.
    /// </summary>
    public Task<CommandResult> RunAsync(string fileName, IEnumerable<string> arguments, string? osUser, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var argumentList = arguments.ToList();
        if (osUser is not null && osUser != Environment.UserName)
        {
            if (!IsRoot)
            {
                throw new InvalidOperationException(
                    $"Running {Path.GetFileName(fileName)} as OS user '{osUser}' needs the broker to run as root or as '{osUser}'; it runs as '{Environment.UserName}'.");
            }

            argumentList.InsertRange(0, ["-u", osUser, "--", fileName]);
            fileName = "runuser";
        }

        return RunCoreAsync(fileName, argumentList, timeout, cancellationToken);
    }

    private async Task<CommandResult> RunCoreAsync(string fileName, List<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            // A directory every OS user can enter: runuser keeps the working directory, and PostgreSQL's tools
            // complain when they cannot read the one they start in.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        BrokerLog.CommandStarting(_logger, fileName, string.Join(' ', arguments));
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the process we started (and its children), never anything found by name.
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }
}
