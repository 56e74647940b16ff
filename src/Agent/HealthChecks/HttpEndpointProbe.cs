namespace MiniPaas.Agent.HealthChecks;

/// <summary>Healthy when <c>GET http://address:port/endpoint</c> answers 2xx.</summary>
internal sealed class HttpEndpointProbe(HttpClient client, Uri uri, TimeSpan timeout) : IHealthProbe
{
    public async Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? HealthProbeResult.Pass()
                : HealthProbeResult.Fail($"GET {uri} answered {status}");
        }
        catch (HttpRequestException ex)
        {
            return HealthProbeResult.Fail($"GET {uri}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthProbeResult.Fail($"GET {uri} timed out after {timeout.TotalMilliseconds:0} ms");
        }
    }
}
