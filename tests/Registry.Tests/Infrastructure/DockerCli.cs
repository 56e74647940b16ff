namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>
/// The real Docker CLI against the machine's engine, with its own DOCKER_CONFIG so logins made by tests never
/// touch the user's configuration.
/// </summary>
internal sealed class DockerCli(string configDirectory)
{
    public const string Executable = "/usr/local/bin/docker";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    public Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? standardInput = null) =>
        ProcessRunner.RunAsync(
            File.Exists(Executable) ? Executable : "docker",
            arguments,
            DefaultTimeout,
            new Dictionary<string, string> { ["DOCKER_CONFIG"] = configDirectory },
            standardInput);

    /// <summary>Fails the test with a clear instruction when no engine answers, instead of a confusing pull error.</summary>
    public async Task EnsureEngineAnswersAsync()
    {
        var version = await RunAsync(["version", "--format", "{{.Server.Version}}"]);
        Assert.True(
            version.ExitCode == 0,
            $"The Docker engine is not answering at /var/run/docker.sock; start it with `dockerd --bridge=none --iptables=false &`.\n{version}");
    }
}
