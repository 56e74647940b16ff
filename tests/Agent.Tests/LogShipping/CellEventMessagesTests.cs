using MiniPaas.Agent.LogShipping;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Tests.LogShipping;

public sealed class CellEventMessagesTests
{
    [Fact]
    public void ForTransition_Crashed_IsErrorNamingNodeIndexAndReason()
    {
        var line = CellEventMessages.ForTransition("node-1", 2, InstanceState.Running, InstanceState.Crashed, "exited with code 137");

        Assert.NotNull(line);
        Assert.Equal("Instance 2 crashed on cell node-1: exited with code 137", line.Value.Message);
        Assert.True(line.Value.IsError);
    }

    [Fact]
    public void ForTransition_StartingToRunning_SaysHealthy()
    {
        var line = CellEventMessages.ForTransition("node-1", 0, InstanceState.Starting, InstanceState.Running, "");

        Assert.Equal(("Container became healthy: instance 0 on cell node-1", false), line);
    }

    [Fact]
    public void ForTransition_Stopped_IsOutWithMessage()
    {
        var line = CellEventMessages.ForTransition("node-2", 1, InstanceState.Running, InstanceState.Stopped, "stopped: no longer assigned to this node");

        Assert.Equal(("Cell node-2 stopped instance 1: stopped: no longer assigned to this node", false), line);
    }

    [Fact]
    public void ForTransition_Pending_IsNull()
    {
        Assert.Null(CellEventMessages.ForTransition("node-1", 0, InstanceState.Pending, InstanceState.Pending, ""));
    }

    [Fact]
    public void ContainerStarted_ShortensContainerId()
    {
        Assert.Equal(
            "Cell node-1 started container 0123456789ab for instance 3 on port 61000",
            CellEventMessages.ContainerStarted("node-1", 3, "0123456789abcdef0123", 61000));
    }
}
