using System.Formats.Tar;
using System.Text.Json;
using MiniPaas.Cli.Tests.Support;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Tests.Commands;

public sealed class PushCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly CliRun _cli = new();
    private ScriptedController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = await ScriptedController.StartAsync();
        _cli.WorkingDirectory = _directory.Path;
        _cli.Environment["MINIPAAS_API"] = _controller.HostAndPort;
        _cli.Environment["MINIPAAS_TOKEN"] = ScriptedControllerState.Token;
        _cli.Environment["MINIPAAS_HOME"] = _directory.Combine("home");
    }

    [Fact]
    public async Task Push_AppDirectory_UploadsTheTarInChunksAfterAHeader()
    {
        WriteApp();
        _directory.Write("hello/big.bin", new string('x', 200_000));
        ScriptSuccessfulRollout(desired: 2);

        var result = await _cli.RunAsync("push", "-p", "hello");

        Assert.True(result.ExitCode == 0, result.ToString());
        var upload = Assert.Single(_controller.State.Uploads);
        Assert.True(upload.HeaderFirst);
        Assert.Equal("hello", upload.App);
        Assert.Equal(upload.Data.Length, upload.DeclaredSize);
        Assert.True(upload.ChunkSizes.Count >= 4);
        Assert.All(upload.ChunkSizes, size => Assert.InRange(size, 1, 64 * 1024));
        Assert.Equal(["big.bin", "minipaas.yml", "start.sh", "www/", "www/index.html"], TarEntryNames(upload.Data));
    }

    [Fact]
    public async Task Push_ManifestAndFlags_DeploysTheMergedSettings()
    {
        WriteApp();
        ScriptSuccessfulRollout(desired: 3);

        var result = await _cli.RunAsync("push", "-p", "hello", "-i", "3", "--strategy", "recreate", "-c", "./start.sh --quiet");

        Assert.True(result.ExitCode == 0, result.ToString());
        var deploy = Assert.Single(_controller.State.Requests.OfType<DeployRequest>());
        Assert.Equal("hello", deploy.App);
        Assert.Equal(_controller.State.Uploads.Single().Data.Length, _controller.State.Uploads.Single().DeclaredSize);
        Assert.StartsWith("sha256:", deploy.PackageId, StringComparison.Ordinal);
        Assert.Equal("recreate", deploy.Strategy);
        Assert.Equal(3, deploy.Settings.Instances);
        Assert.True(deploy.Settings.InstancesSet);
        Assert.Equal(64, deploy.Settings.MemoryMb);
        Assert.Equal("./start.sh --quiet", deploy.Settings.Command);
        Assert.Equal("http", deploy.Settings.HealthCheck.Type);
        Assert.Equal("/health", deploy.Settings.HealthCheck.Endpoint);
        Assert.Equal("hi", deploy.Settings.Env["GREETING"]);
    }

    [Fact]
    public async Task Push_Rollout_PrintsStagingReleaseProgressAndUrl()
    {
        WriteApp();
        ScriptSuccessfulRollout(desired: 2);

        var result = await _cli.RunAsync("push", "-p", "hello");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("   [STG] -----> busybox stack detected", lines);
        Assert.Contains("release v3 sha256:1111111111111111111111111111111111111111111111111111111111111111", lines);
        Assert.Contains("instances: 0/2 running, 2 starting", lines);
        Assert.Contains("instances: 1/2 running, 1 starting", lines);
        Assert.Contains("instances: 2/2 running", lines);
        Assert.Contains("urls: http://hello.localhost:8080", lines);
        Assert.Contains("instances: http://127.0.0.11:61000, http://127.0.0.12:61500", lines);
        Assert.True(lines.IndexOf("   [STG] -----> busybox stack detected") < lines.IndexOf("instances: 2/2 running"));
        Assert.Single(lines, l => l == "instances: 0/2 running, 2 starting");
    }

    [Fact]
    public async Task Push_RolloutThatDoesNotFinish_ExitsNonZeroWithTheProgress()
    {
        WriteApp();
        _controller.State.DeployScript.Add(new DeployProgress { ReleaseCreated = new ReleaseSummary { Version = 1, ImageDigest = "sha256:ab" } });
        _controller.State.DeployScript.Add(new DeployProgress { App = App(2, (InstanceState.Running, 1), (InstanceState.Crashed, 1)) });

        var result = await _cli.RunAsync("push", "-p", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error: the rollout did not finish (instances: 1/2 running, 1 crashed); see `minipaas events hello`", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_ControllerFailsTheDeploy_PrintsItsDetail()
    {
        WriteApp();
        _controller.State.DeployScript.Add(new DeployProgress { StagingLine = "-----> no stack matches" });
        _controller.State.DeployFailure = new RpcException(StatusCode.FailedPrecondition, "staging failed: no stack detected (add a Procfile or start.sh)");

        var result = await _cli.RunAsync("push", "-p", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("   [STG] -----> no stack matches", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("error: staging failed: no stack detected (add a Procfile or start.sh)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Push_Json_PrintsOneJsonDocumentAndProgressOnStderr()
    {
        WriteApp();
        ScriptSuccessfulRollout(desired: 2);

        var result = await _cli.RunAsync("push", "-p", "hello", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.StartsWith("sha256:", document.RootElement.GetProperty("package").GetProperty("packageId").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, document.RootElement.GetProperty("release").GetProperty("version").GetInt32());
        Assert.Equal(2, document.RootElement.GetProperty("app").GetProperty("summary").GetProperty("runningInstances").GetInt32());
        Assert.True(document.RootElement.GetProperty("rolloutComplete").GetBoolean());
        Assert.Contains("[STG] -----> busybox stack detected", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_SymlinkOutsideTheApp_FailsBeforeUploading()
    {
        WriteApp();
        File.CreateSymbolicLink(_directory.Combine("hello/www/passwd"), "/etc/passwd");

        var result = await _cli.RunAsync("push", "-p", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: symlink www/passwd -> /etc/passwd points outside the app directory", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_controller.State.Uploads);
    }

    [Fact]
    public async Task Push_InvalidManifest_NamesTheFieldAndUploadsNothing()
    {
        _directory.Write("bad/minipaas.yml", "name: bad\nmemory: 64Q\n");

        var result = await _cli.RunAsync("push", "-p", "bad");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: minipaas.yml: memory: \"64Q\" is not a size (use 64M or 1G)", result.Stderr.Trim());
        Assert.Empty(_controller.State.Uploads);
    }

    [Fact]
    public async Task Push_UnknownHealthCheckTypeFlag_IsRejectedByTheParser()
    {
        WriteApp();

        var result = await _cli.RunAsync("push", "-p", "hello", "--health-check-type", "tcp");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("tcp", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(_controller.State.Uploads);
    }

    private void WriteApp()
    {
        _directory.Write("hello/minipaas.yml", "name: hello\nmemory: 64M\nenv:\n  GREETING: hi\nhealth_check:\n  type: http\n  endpoint: /health\n");
        _directory.Write("hello/start.sh", "#!/bin/sh\nexec httpd -f -p $PORT\n");
        _directory.Write("hello/www/index.html", "<h1>hello</h1>");
        _directory.Write("hello/.git/config", "[core]");
    }

    private void ScriptSuccessfulRollout(int desired)
    {
        var script = _controller.State.DeployScript;
        script.Add(new DeployProgress { StagingLine = "-----> busybox stack detected\n" });
        script.Add(new DeployProgress { StagingLine = "-----> pushed layer sha256:abc" });
        script.Add(new DeployProgress { ReleaseCreated = new ReleaseSummary { Version = 3, ImageDigest = "sha256:" + new string('1', 64), Stack = "busybox" } });
        var starting = Enumerable.Repeat((InstanceState.Starting, 3), desired).ToArray();
        script.Add(new DeployProgress { App = App(desired, starting) });
        script.Add(new DeployProgress { App = App(desired, starting) });
        script.Add(new DeployProgress { App = App(desired, [(InstanceState.Running, 3), .. starting.Skip(1)]) });
        var final = App(desired, Enumerable.Repeat((InstanceState.Running, 3), desired).ToArray());
        final.Summary.Urls.Add("http://hello.localhost:8080");
        script.Add(new DeployProgress { App = final });
    }

    private static AppDetail App(int desired, params (InstanceState State, int Release)[] instances)
    {
        var app = new AppDetail { Summary = new AppSummary { Name = "hello", State = "started", DesiredInstances = desired } };
        for (var i = 0; i < instances.Length; i++)
        {
            app.Instances.Add(new InstanceDetail
            {
                Index = i,
                State = instances[i].State,
                ReleaseVersion = instances[i].Release,
                NodeId = $"node-{i + 1}",
                Address = $"127.0.0.{11 + i}:{61000 + (i * 500)}",
            });
        }

        app.Summary.RunningInstances = app.Instances.Count(x => x.State == InstanceState.Running);
        return app;
    }

    private static IReadOnlyList<string> TarEntryNames(byte[] archive)
    {
        using var reader = new TarReader(new MemoryStream(archive));
        var names = new List<string>();
        while (reader.GetNextEntry() is { } entry)
        {
            names.Add(entry.Name);
        }

        return names;
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _directory.Dispose();
    }
}
