using Google.Protobuf.WellKnownTypes;
using MiniPaas.Cli.Output;
using MiniPaas.Cli.Tests.Support;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Tests.Output;

public sealed class ReplyTablesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apps_TwoApps_OneRowEachSortedByName()
    {
        var reply = new ListAppsReply
        {
            Apps =
            {
                new AppSummary { Name = "worker", State = "stopped", DesiredInstances = 0, RunningInstances = 0, MemoryMb = 1024, ReleaseVersion = 1 },
                new AppSummary { Name = "hello", State = "started", DesiredInstances = 3, RunningInstances = 2, MemoryMb = 64, ReleaseVersion = 4, Urls = { "http://hello.127.0.0.1.nip.io:8080", "http://127.0.0.1:8080/hello" } },
            },
        };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.Apps(reply)));

        Assert.Equal(
            [
                "NAME STATE INSTANCES MEMORY RELEASE URLS",
                "hello started 2/3 64M v4 http://hello.127.0.0.1.nip.io:8080, http://127.0.0.1:8080/hello",
                "worker stopped 0/0 1G v1 -",
            ],
            rows);
    }

    [Fact]
    public void Apps_NameWithMarkupCharacters_IsPrintedLiterally()
    {
        var reply = new ListAppsReply { Apps = { new AppSummary { Name = "[red]x[/]", State = "started" } } };

        var text = RenderedText.Of(ReplyTables.Apps(reply));

        Assert.Contains("[red]x[/]", text, StringComparison.Ordinal);
    }

    [Fact]
    public void App_Detail_ShowsSummaryAndInstances()
    {
        var app = new AppDetail
        {
            Summary = new AppSummary { Name = "hello", State = "started", DesiredInstances = 2, RunningInstances = 1, MemoryMb = 64, Urls = { "http://127.0.0.1:8080" } },
            Release = new ReleaseSummary { Version = 3, ImageDigest = "sha256:0123456789abcdef0123456789abcdef", Stack = "busybox", Command = "httpd -f" },
            HealthCheck = new HealthCheck { Type = "http", Endpoint = "/health", StartupTimeoutSeconds = 60 },
            DiskMb = 1024,
            Instances =
            {
                new InstanceDetail { Index = 1, State = InstanceState.Crashed, NodeId = "node-2", Address = "127.0.0.12:61500", Since = Timestamp.FromDateTimeOffset(Now.AddSeconds(-5)), Restarts = 2, ReleaseVersion = 3, LastExitCode = 137, Message = "health check failed" },
                new InstanceDetail { Index = 0, State = InstanceState.Running, NodeId = "node-1", Address = "127.0.0.11:61000", Since = Timestamp.FromDateTimeOffset(Now.AddMinutes(-3)), ReleaseVersion = 3 },
            },
        };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.App(app, Now)));

        Assert.Contains("name: hello", rows);
        Assert.Contains("instances: 1/2 running", rows);
        Assert.Contains("release: v3 sha256:0123456789ab", rows);
        Assert.Contains("disk: 1G", rows);
        Assert.Contains("health check: http /health (timeout 60s)", rows);
        Assert.Contains("INDEX STATE NODE ADDRESS SINCE RESTARTS RELEASE DETAILS", rows);
        Assert.Contains("0 running node-1 127.0.0.11:61000 3m ago 0 v3 -", rows);
        Assert.Contains("1 crashed node-2 127.0.0.12:61500 5s ago 2 v3 exit 137: health check failed", rows);
        Assert.True(rows.ToList().IndexOf("0 running node-1 127.0.0.11:61000 3m ago 0 v3 -") < rows.ToList().IndexOf("1 crashed node-2 127.0.0.12:61500 5s ago 2 v3 exit 137: health check failed"));
    }

    [Fact]
    public void App_NothingPushed_SaysSo()
    {
        var app = new AppDetail { Summary = new AppSummary { Name = "new", State = "started" } };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.App(app, Now)));

        Assert.Contains("release: - (nothing pushed yet)", rows);
        Assert.Contains("no instances", rows);
        Assert.Contains("health check: port (default)", rows);
    }

    [Fact]
    public void Releases_CurrentRelease_IsMarkedAndNewestFirst()
    {
        var reply = new ListReleasesReply
        {
            Releases =
            {
                new ReleaseSummary { Version = 1, ImageDigest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaa", Stack = "busybox", CreatedAt = Timestamp.FromDateTimeOffset(Now.AddHours(-3)), Description = "push" },
                new ReleaseSummary { Version = 2, ImageDigest = "sha256:bbbbbbbbbbbbbbbbbbbbbbbb", Stack = "busybox", CreatedAt = Timestamp.FromDateTimeOffset(Now.AddMinutes(-2)), Description = "rollback to v1", Current = true },
            },
        };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.Releases(reply, Now)));

        Assert.Equal(
            [
                "VERSION DIGEST STACK CREATED DESCRIPTION",
                "v2 (current) sha256:bbbbbbbbbbbb busybox 2m ago rollback to v1",
                "v1 sha256:aaaaaaaaaaaa busybox 3h ago push",
            ],
            rows);
    }

    [Fact]
    public void Nodes_UsedAndCapacity_ShownAsFractions()
    {
        var reply = new ListNodesReply
        {
            Nodes =
            {
                new NodeSummary
                {
                    NodeId = "node-1", Address = "127.0.0.11", State = "ready",
                    Capacity = new Resources { MemoryMb = 4096, Instances = 32 },
                    Used = new Resources { MemoryMb = 192, Instances = 3 },
                    LastHeartbeat = Timestamp.FromDateTimeOffset(Now.AddSeconds(-1)),
                },
                new NodeSummary { NodeId = "node-2", Address = "127.0.0.12", State = "lost" },
            },
        };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.Nodes(reply, Now)));

        Assert.Equal(
            [
                "NODE ADDRESS STATE MEMORY INSTANCES LAST HEARTBEAT",
                "node-1 127.0.0.11 ready 192M/4G 3/32 1s ago",
                "node-2 127.0.0.12 lost 0M/0M 0/0 -",
            ],
            rows);
    }

    [Fact]
    public void Events_InstanceAndAppEvents_IndexOnlyForInstances()
    {
        var reply = new ListEventsReply
        {
            Events =
            {
                new PlatformEvent { Time = Timestamp.FromDateTimeOffset(Now.AddSeconds(-10)), Kind = "instance.crashed", InstanceIndex = 0, Message = "exited with 1" },
                new PlatformEvent { Time = Timestamp.FromDateTimeOffset(Now.AddSeconds(-60)), Kind = "app.pushed", Message = "v2" },
            },
        };

        var rows = RenderedText.Rows(RenderedText.Of(ReplyTables.Events(reply, TimeZoneInfo.Utc)));

        Assert.Equal(
            [
                "TIME KIND INDEX MESSAGE",
                "2026-11-22 11:59:00 app.pushed - v2",
                "2026-11-22 11:59:50 instance.crashed 0 exited with 1",
            ],
            rows);
    }
}
