using MiniPaas.Router.Logging;

namespace MiniPaas.Router.AccessLog;

/// <summary>
/// The default sink: one structured log event per request under the category
/// <c>MiniPaas.Router.AccessLog</c> (silence it with <c>--Logging:LogLevel:MiniPaas.Router.AccessLog=None</c>).
/// </summary>
internal sealed class LoggerAccessLogSink : IAccessLogSink
{
    /// <summary>The logger category of access log lines.</summary>
    public const string Category = "MiniPaas.Router.AccessLog";

    private readonly ILogger _logger;

    public LoggerAccessLogSink(ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger(Category);
    }

    public void Write(AccessLogEntry entry)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        RouterLog.AccessLog(
            _logger,
            entry.App ?? "-",
            entry.InstanceIndex ?? -1,
            entry.InstanceId ?? "-",
            entry.Method,
            entry.Host,
            entry.Path,
            entry.StatusCode,
            entry.LatencyMilliseconds,
            entry.RequestId);
    }
}
