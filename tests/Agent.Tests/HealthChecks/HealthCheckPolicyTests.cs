using MiniPaas.Agent.HealthChecks;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Tests.HealthChecks;

public sealed class HealthCheckPolicyTests
{
    [Fact]
    public void From_NoCheck_UsesPortCheckAndDefaults()
    {
        var policy = HealthCheckPolicy.From(null);

        Assert.Equal(HealthCheckKind.Port, policy.Kind);
        Assert.Equal(HealthCheckPolicy.DefaultStartupTimeout, policy.StartupTimeout);
        Assert.Equal(HealthCheckPolicy.DefaultInterval, policy.Interval);
        Assert.Equal(HealthCheckPolicy.DefaultFailureThreshold, policy.FailureThreshold);
    }

    [Fact]
    public void From_HttpCheck_TakesEndpointAndTimings()
    {
        var policy = HealthCheckPolicy.From(new HealthCheck { Type = "HTTP", Endpoint = "health", StartupTimeoutSeconds = 5, IntervalMillis = 300, FailureThreshold = 2 });

        Assert.Equal(HealthCheckKind.Http, policy.Kind);
        Assert.Equal("/health", policy.Endpoint);
        Assert.Equal(TimeSpan.FromSeconds(5), policy.StartupTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(300), policy.Interval);
        Assert.Equal(2, policy.FailureThreshold);
    }

    [Fact]
    public void From_UnknownType_ThrowsNamingTheType()
    {
        var error = Assert.Throws<ArgumentException>(() => HealthCheckPolicy.From(new HealthCheck { Type = "grpc" }));

        Assert.Contains("'grpc'", error.Message);
    }
}
