using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using MiniPaas.Cli.Tests.Support;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Tests.Commands;

public sealed class AppCommandsTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private readonly CliRun _cli = new();
    private ScriptedController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = await ScriptedController.StartAsync();
        _cli.Environment["MINIPAAS_API"] = _controller.HostAndPort;
        _cli.Environment["MINIPAAS_TOKEN"] = ScriptedControllerState.Token;
        _cli.Environment["MINIPAAS_HOME"] = _home.Path;
        _controller.State.Apps["hello"] = new AppDetail
        {
            Summary = new AppSummary { Name = "hello", State = "started", DesiredInstances = 2, RunningInstances = 2, MemoryMb = 64, ReleaseVersion = 2, Urls = { "http://hello.localhost:8080" } },
            Release = new ReleaseSummary { Version = 2, ImageDigest = "sha256:abcdefabcdef0123456789", Stack = "busybox" },
            Instances =
            {
                new InstanceDetail { Index = 0, State = InstanceState.Running, NodeId = "node-1", Address = "127.0.0.11:61000", ReleaseVersion = 2 },
                new InstanceDetail { Index = 1, State = InstanceState.Running, NodeId = "node-2", Address = "127.0.0.12:61500", ReleaseVersion = 2 },
            },
        };
    }

    [Fact]
    public async Task Apps_Table_ListsTheApps()
    {
        var result = await _cli.RunAsync("apps");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["NAME STATE INSTANCES MEMORY RELEASE URLS", "hello started 2/2 64M v2 http://hello.localhost:8080"], result.StdoutRows);
    }

    [Fact]
    public async Task Apps_Json_IsTheReplyInProtoJson()
    {
        var result = await _cli.RunAsync("apps", "--json");

        using var document = JsonDocument.Parse(result.Stdout);
        Assert.Equal("hello", document.RootElement.GetProperty("apps")[0].GetProperty("name").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("apps")[0].GetProperty("runningInstances").GetInt32());
    }

    [Fact]
    public async Task Apps_None_SaysHowToPushOne()
    {
        _controller.State.Apps.Clear();

        var result = await _cli.RunAsync("apps");

        Assert.Equal("no apps yet: push one with `minipaas push NAME -p DIR`", result.Stdout.Trim());
    }

    [Fact]
    public async Task App_Known_ShowsSummaryAndInstances()
    {
        var result = await _cli.RunAsync("app", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("release: v2 sha256:abcdefabcdef", result.StdoutRows);
        Assert.Contains("1 running node-2 127.0.0.12:61500 - 0 v2", result.StdoutRows);
    }

    [Fact]
    public async Task App_Unknown_PrintsTheControllersDetail()
    {
        var result = await _cli.RunAsync("app", "nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: app 'nope' not found", result.Stderr.Trim());
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Scale_InstancesAndMemory_AreSent()
    {
        var result = await _cli.RunAsync("scale", "hello", "-i", "5", "-m", "1G");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_controller.State.Requests.OfType<ScaleRequest>());
        Assert.Equal(("hello", 5, 1024L), (request.App, request.Instances, request.MemoryMb));
        Assert.Contains("scaled hello: 5 instance(s) of 1G", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_BadMemory_NamesTheFlagWithoutCalling()
    {
        var result = await _cli.RunAsync("scale", "hello", "-i", "2", "-m", "lots");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --memory: \"lots\" is not a size (use 64M or 1G)", result.Stderr.Trim());
        Assert.Empty(_controller.State.Requests);
    }

    [Fact]
    public async Task Scale_WithoutInstances_IsAUsageError()
    {
        var result = await _cli.RunAsync("scale", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--instances", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stop", false, "stopped hello")]
    [InlineData("start", true, "started hello")]
    public async Task StopStart_SendTheDesiredState(string command, bool started, string said)
    {
        var result = await _cli.RunAsync(command, "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(started, Assert.Single(_controller.State.Requests.OfType<SetAppStateRequest>()).Started);
        Assert.StartsWith(said, result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_CallsRestartApp()
    {
        var result = await _cli.RunAsync("restart", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello", Assert.Single(_controller.State.Requests.OfType<RestartAppRequest>()).App);
    }

    [Fact]
    public async Task Delete_NoTerminalAndNoForce_RefusesWithoutCalling()
    {
        var result = await _cli.RunAsync("delete", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: delete hello: stdin is not a terminal, so confirm with -f", result.Stderr.Trim());
        Assert.Empty(_controller.State.Requests);
    }

    [Fact]
    public async Task Delete_AnsweredNo_DoesNotDelete()
    {
        _cli.Answers = new Queue<string>(["n"]);

        var result = await _cli.RunAsync("delete", "hello");

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(_controller.State.Requests);
        Assert.Contains("delete cancelled", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Force_Deletes()
    {
        var result = await _cli.RunAsync("delete", "hello", "-f");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello", Assert.Single(_controller.State.Requests.OfType<DeleteAppRequest>()).App);
        Assert.Equal("deleted hello", result.Stdout.Trim());
    }

    [Fact]
    public async Task Releases_Table_MarksTheCurrentOne()
    {
        _controller.State.Releases.Add(new ReleaseSummary { Version = 1, ImageDigest = "sha256:aaaaaaaaaaaaaaaaaaaaaa", Stack = "busybox", Description = "push", CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-10)) });
        _controller.State.Releases.Add(new ReleaseSummary { Version = 2, ImageDigest = "sha256:bbbbbbbbbbbbbbbbbbbbbb", Stack = "busybox", Description = "push", Current = true, CreatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)) });

        var result = await _cli.RunAsync("releases", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("VERSION DIGEST STACK CREATED DESCRIPTION", result.StdoutRows[0]);
        Assert.StartsWith("v2 (current) sha256:bbbbbbbbbbbb busybox", result.StdoutRows[1], StringComparison.Ordinal);
        Assert.StartsWith("v1 sha256:aaaaaaaaaaaa busybox", result.StdoutRows[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v2", 2)]
    [InlineData("2", 2)]
    public async Task Rollback_To_SendsTheVersion(string to, int expected)
    {
        var result = await _cli.RunAsync("rollback", "hello", "--to", to);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, Assert.Single(_controller.State.Requests.OfType<RollbackRequest>()).ToVersion);
        Assert.StartsWith("rolled hello back: now running v2", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollback_NoTarget_AsksForThePreviousRelease()
    {
        var result = await _cli.RunAsync("rollback", "hello");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0, Assert.Single(_controller.State.Requests.OfType<RollbackRequest>()).ToVersion);
    }

    [Fact]
    public async Task Rollback_BadVersion_NamesTheFlag()
    {
        var result = await _cli.RunAsync("rollback", "hello", "--to", "latest");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --to: \"latest\" is not a release version (use v3 or 3)", result.Stderr.Trim());
    }

    [Fact]
    public async Task Nodes_Table_ShowsCapacity()
    {
        _controller.State.Nodes.Add(new NodeSummary { NodeId = "node-1", Address = "127.0.0.11", State = "ready", Capacity = new Resources { MemoryMb = 4096, Instances = 32 }, Used = new Resources { MemoryMb = 128, Instances = 2 } });

        var result = await _cli.RunAsync("nodes");

        Assert.Equal(["NODE ADDRESS STATE MEMORY INSTANCES LAST HEARTBEAT", "node-1 127.0.0.11 ready 128M/4G 2/32 -"], result.StdoutRows);
    }

    [Fact]
    public async Task Events_AppAndLimit_AreSent()
    {
        _controller.State.Events.Add(new PlatformEvent { App = "hello", Kind = "instance.crashed", InstanceIndex = 1, Message = "exit 1", Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) });

        var result = await _cli.RunAsync("events", "hello", "--limit", "5");

        Assert.Equal(0, result.ExitCode);
        var request = Assert.Single(_controller.State.Requests.OfType<ListEventsRequest>());
        Assert.Equal(("hello", 5), (request.App, request.Limit));
        Assert.EndsWith("instance.crashed 1 exit 1", result.StdoutRows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapRoute_HostAndPath_AreSentAndListed()
    {
        _controller.State.Routes.Add(new RouteSummary { App = "hello", Host = "hello.localhost", Url = "http://hello.localhost:8080", DefaultRoute = true });

        var mapped = await _cli.RunAsync("map-route", "hello", "www.localhost", "--path", "/api");
        var listed = await _cli.RunAsync("routes", "hello");

        Assert.Equal(0, mapped.ExitCode);
        Assert.Equal("mapped www.localhost/api to hello: http://www.localhost:8080/api", mapped.Stdout.Trim());
        var request = Assert.Single(_controller.State.Requests.OfType<MapRouteRequest>());
        Assert.Equal(("hello", "www.localhost", "/api"), (request.App, request.Host, request.PathPrefix));
        Assert.Equal(
            ["HOST PATH APP URL DEFAULT", "hello.localhost / hello http://hello.localhost:8080 yes", "www.localhost /api hello http://www.localhost:8080/api no"],
            listed.StdoutRows);
    }

    [Fact]
    public async Task UnmapRoute_NotMapped_ShowsTheControllersDetail()
    {
        var result = await _cli.RunAsync("unmap-route", "hello", "nope.localhost");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: route nope.localhost is not mapped to hello", result.Stderr.Trim());
    }

    [Fact]
    public async Task MapRoute_PathWithoutSlash_NamesTheFlag()
    {
        var result = await _cli.RunAsync("map-route", "hello", "www.localhost", "--path", "api");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --path: \"api\" is not a path prefix (it must start with /, e.g. /api)", result.Stderr.Trim());
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _home.Dispose();
    }
}
