using System.Collections.Concurrent;

namespace MiniPaas.Cli.Demo;

/// <summary>
/// ChaosLoad keeps a few workers sending GETs to the app through the router until stopped, and
/// remembers which instance answered when (samples/hello says "instance N on port P"), so the
/// demo can tell when a replacement first served a request.
/// </summary>
internal sealed class ChaosLoad : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _target;
    private readonly string _host;
    private readonly Func<double> _elapsedMs;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<(double AtMs, int Index, int Port)> _answers = new();
    private readonly ConcurrentQueue<string> _failureSamples = new();
    private Task _workers = Task.CompletedTask;
    private long _requests;
    private long _non2xx;
    private long _errors;

    /// <param name="routerUrl">Where the router listens, e.g. http://127.0.0.1:8080.</param>
    /// <param name="appHost">The Host header that selects the app, e.g. chaos-demo.localhost:8080.</param>
    public ChaosLoad(Uri routerUrl, string appHost, Func<double> elapsedMs)
    {
        _target = routerUrl;
        _host = appHost;
        _elapsedMs = elapsedMs;
        // Short-lived pooled connections, as browsers behind a proxy see: a request never rides a
        // connection to a destination the router has since dropped for longer than that.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Non2xx => Interlocked.Read(ref _non2xx);

    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>A few of the failures, for the report.</summary>
    public IReadOnlyList<string> FailureSamples => _failureSamples.Take(5).ToList();

    public void Start(int workers) =>
        _workers = Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync)));

    /// <summary>When (ms since the demo started) instance <paramref name="index"/> on <paramref name="port"/> first answered at or after <paramref name="afterMs"/>.</summary>
    public double? FirstAnswer(int index, int port, double afterMs)
    {
        double? first = null;
        foreach (var answer in _answers)
        {
            if (answer.Index == index && answer.Port == port && answer.AtMs >= afterMs && (first is null || answer.AtMs < first))
            {
                first = answer.AtMs;
            }
        }

        return first;
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _workers;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task WorkerAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _requests);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, _target);
                request.Headers.Host = _host;
                // Not the stop token: stopping the load must not turn the request in flight into an error.
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _non2xx);
                    _failureSamples.Enqueue($"#{n}: {(int)response.StatusCode} {body.Trim()}");
                }
                else if (HelloAnswer.TryParse(body, out var index, out var port))
                {
                    _answers.Enqueue((_elapsedMs(), index, port));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref _errors);
                _failureSamples.Enqueue($"#{n}: {e.GetType().Name} {e.Message}");
            }
        }
    }
}
