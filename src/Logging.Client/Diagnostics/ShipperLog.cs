using Microsoft.Extensions.Logging;

namespace MiniPaas.Logging.Client;

/// <summary>ShipperLog holds every log message of this library and its event ids, in one place.</summary>
internal static partial class ShipperLog
{
    [LoggerMessage(5001, LogLevel.Warning, "Log shipping to {Address} failed ({Reason}); {Buffered} lines buffered, retrying in {Delay}")]
    public static partial void StreamFailed(ILogger logger, Uri address, string reason, long buffered, TimeSpan delay);

    [LoggerMessage(5002, LogLevel.Information, "Log shipping to {Address} recovered after {Failures} failed attempts")]
    public static partial void StreamRecovered(ILogger logger, Uri address, long failures);

    [LoggerMessage(5003, LogLevel.Warning, "The log aggregator refused {Count} lines: {Reason}")]
    public static partial void LinesRejected(ILogger logger, long count, string reason);
}
