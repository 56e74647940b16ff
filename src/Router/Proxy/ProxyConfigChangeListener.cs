using MiniPaas.Router.Logging;
using Yarp.ReverseProxy.Configuration;

namespace MiniPaas.Router.Proxy;

/// <summary>Logs when YARP refuses a configuration built from a route table (the previous one then stays in effect).</summary>
internal sealed class ProxyConfigChangeListener : IConfigChangeListener
{
    private readonly ILogger<ProxyConfigChangeListener> _logger;

    public ProxyConfigChangeListener(ILogger<ProxyConfigChangeListener> logger)
    {
        _logger = logger;
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception ex) =>
        RouterLog.ProxyConfigRejected(_logger, configProvider.GetConfig().RevisionId, ex);

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception ex) =>
        RouterLog.ProxyConfigRejected(_logger, string.Join(",", proxyConfigs.Select(c => c.RevisionId)), ex);

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }
}
