using System.Net;
using MiniPaas.Agent.Instances;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Tests.Instances;

public sealed class ContainerSpecFactoryTests
{
    private static readonly IPAddress Address = IPAddress.Parse("127.0.0.11");

    [Fact]
    public void Build_Assignment_SetsNameImageHostNetworkAndMemory()
    {
        var spec = ContainerSpecFactory.Build(Sample(), "node-1", Address, 61005, new Dictionary<string, string>());

        Assert.Equal("minipaas-node-1-hello-2-3f2a9c1e", spec.Name);
        Assert.Equal("127.0.0.1:5000/hello@sha256:abcd", spec.Image);
        Assert.Equal("host", spec.HostConfig.NetworkMode);
        Assert.Equal(64L * 1024 * 1024, spec.HostConfig.Memory);
        Assert.True(spec.HostConfig.Init);
    }

    [Fact]
    public void Build_Assignment_EnvHasAppVariablesAndPlatformVariables()
    {
        var spec = ContainerSpecFactory.Build(Sample(), "node-1", Address, 61005, new Dictionary<string, string>());

        var env = spec.Env!.Select(entry => entry.Split('=', 2)).ToDictionary(parts => parts[0], parts => parts[1]);
        Assert.Equal("bar", env["FOO"]);
        Assert.Equal("61005", env["PORT"]);
        Assert.Equal("2", env["INSTANCE_INDEX"]);
        Assert.Equal("3f2a9c1e-7777-4444-8888-000000000000", env["INSTANCE_ID"]);
        Assert.Equal("2", env["CF_INSTANCE_INDEX"]);
        Assert.Equal("61005", env["CF_INSTANCE_PORT"]);
        Assert.Equal("127.0.0.11:61005", env["CF_INSTANCE_ADDR"]);
        Assert.Equal("127.0.0.11", env["HOST"]);
        Assert.Equal("hello", env["MINIPAAS_APP"]);
    }

    [Fact]
    public void Build_AppSetsPort_PlatformPortWins()
    {
        var assignment = Sample();
        assignment.Env["PORT"] = "80";

        var spec = ContainerSpecFactory.Build(assignment, "node-1", Address, 61005, new Dictionary<string, string>());

        Assert.Contains("PORT=61005", spec.Env!);
        Assert.DoesNotContain("PORT=80", spec.Env!);
    }

    [Fact]
    public void Build_Assignment_LabelsIdentifyNodeInstanceAndGeneration()
    {
        var extra = new Dictionary<string, string> { ["test.run"] = "r1" };

        var spec = ContainerSpecFactory.Build(Sample(), "node-1", Address, 61005, extra);

        Assert.Equal("node-1", spec.Labels![InstanceLabels.Node]);
        Assert.Equal("hello", spec.Labels[InstanceLabels.App]);
        Assert.Equal("2", spec.Labels[InstanceLabels.Index]);
        Assert.Equal("3f2a9c1e-7777-4444-8888-000000000000", spec.Labels[InstanceLabels.Instance]);
        Assert.Equal("7", spec.Labels[InstanceLabels.Release]);
        Assert.Equal("61005", spec.Labels[InstanceLabels.Port]);
        Assert.Equal("4", spec.Labels[InstanceLabels.RestartGeneration]);
        Assert.Equal("r1", spec.Labels["test.run"]);
    }

    [Fact]
    public void Build_WithCommand_RunsItThroughShell()
    {
        var assignment = Sample();
        assignment.Command = "exec busybox httpd -f -p $PORT";

        var spec = ContainerSpecFactory.Build(assignment, "node-1", Address, 61005, new Dictionary<string, string>());

        Assert.Equal(["/bin/sh", "-c"], spec.Entrypoint!);
        Assert.Equal(["exec busybox httpd -f -p $PORT"], spec.Cmd!);
    }

    [Fact]
    public void Build_WithoutCommand_KeepsImageCommand()
    {
        var spec = ContainerSpecFactory.Build(Sample(), "node-1", Address, 61005, new Dictionary<string, string>());

        Assert.Null(spec.Cmd);
        Assert.Null(spec.Entrypoint);
    }

    [Fact]
    public void Build_NoMemoryLimit_LeavesMemoryUnset()
    {
        var assignment = Sample();
        assignment.MemoryMb = 0;

        var spec = ContainerSpecFactory.Build(assignment, "node-1", Address, 61005, new Dictionary<string, string>());

        Assert.Null(spec.HostConfig.Memory);
    }

    [Fact]
    public void Build_NoImage_ThrowsNamingTheInstance()
    {
        var assignment = Sample();
        assignment.Image = string.Empty;

        var error = Assert.Throws<ArgumentException>(() => ContainerSpecFactory.Build(assignment, "node-1", Address, 61005, new Dictionary<string, string>()));

        Assert.Contains("3f2a9c1e-7777-4444-8888-000000000000", error.Message);
    }

    [Fact]
    public void Build_InvalidEnvName_ThrowsNamingTheVariable()
    {
        var assignment = Sample();
        assignment.Env["A=B"] = "x";

        var error = Assert.Throws<ArgumentException>(() => ContainerSpecFactory.Build(assignment, "node-1", Address, 61005, new Dictionary<string, string>()));

        Assert.Contains("'A=B'", error.Message);
    }

    [Fact]
    public void ContainerName_SchedulerStyleIds_KeepTheDistinguishingPart()
    {
        // Old and new instance of one index share a node during a rolling update.
        var old = ContainerSpecFactory.ContainerName("node-1", "hello", 0, "hello-0-af98ed88f3");
        var replacement = ContainerSpecFactory.ContainerName("node-1", "hello", 0, "hello-0-0c41d2e9b7");

        Assert.Equal("minipaas-node-1-hello-0-af98ed88f3", old);
        Assert.NotEqual(old, replacement);
    }

    [Fact]
    public void ContainerName_UnsafeCharacters_AreReplaced()
    {
        var name = ContainerSpecFactory.ContainerName("node 1", "my/app", 0, "ab:cd");

        Assert.Equal("minipaas-node-1-my-app-0-ab-cd", name);
    }

    private static Assignment Sample()
    {
        var assignment = new Assignment
        {
            InstanceId = "3f2a9c1e-7777-4444-8888-000000000000",
            App = "hello",
            Index = 2,
            ReleaseVersion = 7,
            Image = "127.0.0.1:5000/hello@sha256:abcd",
            MemoryMb = 64,
            RestartGeneration = 4,
        };
        assignment.Env["FOO"] = "bar";
        return assignment;
    }
}
