using MiniPaas.Router.Logging;
using MiniPaas.Router.Routing;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace MiniPaas.Router.Proxy;

/// <summary>
/// Passive health: an instance that refuses a connection is taken out of rotation at once for the cluster's
/// reactivation period, then let back in (YARP resets it to "unknown", which receives traffic). YARP's own
/// TransportFailureRate policy needs a failure rate over many requests first, which would send more requests
/// to an instance that was just killed.
/// </summary>
internal sealed class ConnectFailureHealthPolicy : IPassiveHealthCheckPolicy
{
    private static readonly TimeSpan FallbackReactivationPeriod = TimeSpan.FromSeconds(10);

    private readonly IDestinationHealthUpdater _healthUpdater;
    private readonly ILogger<ConnectFailureHealthPolicy> _logger;

    public ConnectFailureHealthPolicy(IDestinationHealthUpdater healthUpdater, ILogger<ConnectFailureHealthPolicy> logger)
    {
        _healthUpdater = healthUpdater;
        _logger = logger;
    }

    public string Name => ProxyConfigTranslator.PassiveHealthPolicyName;

    public void RequestProxied(HttpContext context, ClusterState cluster, DestinationState destination)
    {
        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || UpstreamFailureClassifier.Classify(error.Error, error.Exception) != UpstreamFailureKind.ConnectFailed)
        {
            return;
        }

        if (destination.Health.Passive == DestinationHealth.Unhealthy)
        {
            return;
        }

        var reactivation = cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? FallbackReactivationPeriod;
        RouterLog.InstanceMarkedUnreachable(_logger, destination.DestinationId, cluster.ClusterId, destination.Model.Config.Address, reactivation);
        _healthUpdater.SetPassive(cluster, destination, DestinationHealth.Unhealthy, reactivation);
    }
}
