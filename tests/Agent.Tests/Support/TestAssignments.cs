using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>Assignments the tests hand the agent.</summary>
internal static class TestAssignments
{
    /// <summary>
    /// busybox httpd serving /www (an index.html saying "ok") on the given HOST and PORT, checked
    /// over HTTP. Binding $HOST rather than all addresses keeps parallel tests on other loopback
    /// addresses out of each other's way.
    /// </summary>
    public static Assignment Web(string image, string instanceId, int restartGeneration = 0, int index = 0, string healthCheckType = "http")
    {
        var assignment = new Assignment
        {
            InstanceId = instanceId,
            App = "web",
            Index = index,
            ReleaseVersion = 1,
            Image = image,
            Command = "exec busybox httpd -f -p $HOST:$PORT -h /www",
            MemoryMb = 32,
            RestartGeneration = restartGeneration,
            HealthCheck = new HealthCheck { Type = healthCheckType, Endpoint = "/", StartupTimeoutSeconds = 30, IntervalMillis = 500, FailureThreshold = 3 },
        };
        assignment.Env["GREETING"] = "hello";
        return assignment;
    }

    public static string NewInstanceId() => Guid.NewGuid().ToString();

    public static Task<InstanceReport> WaitForReportAsync(this FakeScheduler scheduler, string instanceId, InstanceState state, TimeSpan timeout) =>
        Eventually.WaitAsync(() => scheduler.LastReport(instanceId, state), timeout, $"a {state} report for {instanceId}");
}
