using System.Text.Json;
using MiniPaas.Cli.Output;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Tests.Output;

public sealed class JsonReplyTests
{
    [Fact]
    public void Format_AppSummaryWithZeroes_IncludesDefaultValues()
    {
        var json = JsonReply.Format(new ListAppsReply { Apps = { new AppSummary { Name = "hello", State = "stopped" } } });

        using var document = JsonDocument.Parse(json);
        var app = document.RootElement.GetProperty("apps")[0];
        Assert.Equal("hello", app.GetProperty("name").GetString());
        Assert.Equal(0, app.GetProperty("runningInstances").GetInt32());
        Assert.Equal(0, app.GetProperty("desiredInstances").GetInt32());
        Assert.Equal(JsonValueKind.Array, app.GetProperty("urls").ValueKind);
    }

    [Fact]
    public void Format_InstanceState_IsTheEnumName()
    {
        var json = JsonReply.Format(new AppDetail { Instances = { new InstanceDetail { State = InstanceState.Running } } });

        using var document = JsonDocument.Parse(json);
        Assert.Equal("INSTANCE_STATE_RUNNING", document.RootElement.GetProperty("instances")[0].GetProperty("state").GetString());
    }
}
