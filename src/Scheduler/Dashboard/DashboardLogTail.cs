using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.LogShipping;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardLogTail follows an app's lines from the log aggregator the scheduler ships to
/// (<c>MiniPaas:LogAggregatorAddress</c> / <c>LogAggregatorToken</c>), so the page's log panel shows
/// real stdout/stderr, router and platform lines. The browser never sees the aggregator token:
/// the scheduler calls <c>LogService.Follow</c> itself and relays the lines.
/// </summary>
internal sealed class DashboardLogTail : IDisposable
{
    /// <summary>Lines of history sent before the live ones when a tail opens.</summary>
    public const int Backlog = 50;

    private readonly RpcChannel? _channel;

    public DashboardLogTail(IConfiguration configuration, TimeProvider time)
    {
        var options = new SchedulerLogShippingOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        // PlatformLogShipping already refused a malformed address at startup; here only "configured or not" matters.
        if (!string.IsNullOrWhiteSpace(options.LogAggregatorAddress) && Uri.TryCreate(options.LogAggregatorAddress, UriKind.Absolute, out var address))
        {
            Address = address.ToString();
            _channel = new RpcChannel(address, new RpcChannelOptions
            {
                BearerToken = string.IsNullOrEmpty(options.LogAggregatorToken) ? null : options.LogAggregatorToken,
                TimeProvider = time,
            });
        }
    }

    /// <summary>Whether an aggregator is configured; without one the page falls back to platform events.</summary>
    public bool Configured => _channel is not null;

    /// <summary>The aggregator address, empty when none is configured.</summary>
    public string Address { get; } = string.Empty;

    /// <summary>
    /// The last <see cref="Backlog"/> lines of <paramref name="app"/>, then live ones until
    /// <paramref name="cancellationToken"/> fires (which also cancels the upstream call). An app
    /// with no lines yet is waited for rather than refused.
    /// </summary>
    public async IAsyncEnumerable<LogRecord> FollowAsync(string app, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (_channel is null)
        {
            throw new InvalidOperationException($"no log aggregator is configured ({SchedulerOptions.SectionName}:LogAggregatorAddress is empty)");
        }

        var query = new LogQuery { App = app, Limit = Backlog, WaitForApp = true };
        using var call = _channel.ServerStreaming(LogServiceMethods.Follow, query, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var record in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return record;
        }
    }

    public void Dispose() => _channel?.Dispose();
}
