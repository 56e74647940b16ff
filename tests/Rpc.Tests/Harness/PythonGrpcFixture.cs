namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>
/// An independent gRPC implementation to interoperate with: Debian's python3-grpcio. Stubs are
/// generated at test time from the same echo.proto the C# side compiles. Missing packages fail
/// the tests with the install command rather than skipping them.
/// </summary>
public sealed class PythonGrpcFixture : IAsyncLifetime
{
    /// <summary>Debian's interpreter, where apt installs grpc; not whichever python3 is first on PATH.</summary>
    public const string Python = "/usr/bin/python3";

    public string StubDirectory { get; } = Path.Combine(Path.GetTempPath(), "minipaas-rpc-tests-" + Guid.NewGuid().ToString("N"));

    public string ScriptDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "Python");

    public async Task InitializeAsync()
    {
        const string install = "Install them with: apt-get install -y python3-grpcio python3-grpc-tools";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"The gRPC interop tests need {Python} (Debian's python3), which does not exist. {install}");
        }

        var probe = await ProcessRunner.RunAsync(Python, ["-c", "import grpc, grpc_tools.protoc"], TestTimeouts.Process);
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException($"The gRPC interop tests need grpc for {Python}, but importing it failed: {probe.Stderr.Trim()} {install}");
        }

        Directory.CreateDirectory(StubDirectory);
        var protoDirectory = Path.Combine(AppContext.BaseDirectory, "Protos");
        var protoc = await ProcessRunner.RunAsync(
            Python,
            ["-m", "grpc_tools.protoc", "-I", protoDirectory, "--python_out=" + StubDirectory, "--grpc_python_out=" + StubDirectory, Path.Combine(protoDirectory, "echo.proto")],
            TestTimeouts.Process);
        if (protoc.ExitCode != 0)
        {
            throw new InvalidOperationException($"Generating Python stubs from echo.proto failed (exit {protoc.ExitCode}): {protoc.Stderr}");
        }
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(StubDirectory))
        {
            Directory.Delete(StubDirectory, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs echo_client.py against <paramref name="target"/> (host:port) for one scenario; returns its JSON output.</summary>
    internal async Task<System.Text.Json.JsonElement> RunClientAsync(Uri target, string scenario, params string[] extra)
    {
        var result = await ProcessRunner.RunAsync(
            Python,
            [Path.Combine(ScriptDirectory, "echo_client.py"), StubDirectory, $"{target.Host}:{target.Port}", scenario, .. extra],
            TestTimeouts.Process);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"echo_client.py {scenario} failed (exit {result.ExitCode}): {result.Stderr}");
        }

        return System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
    }

    internal Task<PythonEchoServer> StartServerAsync() =>
        PythonEchoServer.StartAsync(Python, Path.Combine(ScriptDirectory, "echo_server.py"), StubDirectory);
}
