using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;

namespace MiniPaas.LogAggregator.Tests.Client;

public sealed class LogLineFormatterTests
{
    [Fact]
    public void Format_AppLine_LooksLikeCfLogs()
    {
        var entry = new LogEntry
        {
            App = "hello",
            SourceType = "APP",
            SourceInstance = "0",
            Stream = LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 1, 2, 3, 456, TimeSpan.Zero)),
            Message = "hello",
        };

        Assert.Equal("2026-11-22T01:02:03.45+0000 [APP/0] OUT hello", LogLineFormatter.Format(entry));
    }

    [Fact]
    public void Format_OffsetAndEmptyInstance_ShowsOffsetWithoutColonAndBareTag()
    {
        var entry = new LogEntry
        {
            SourceType = "RTR",
            Stream = LogOutputStream.Err,
            Timestamp = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 22, 1, 2, 3, TimeSpan.Zero)),
            Message = "GET / 502",
        };

        Assert.Equal("2026-11-21T17:32:03.00-0730 [RTR] ERR GET / 502", LogLineFormatter.Format(entry, TimeSpan.FromHours(-7.5)));
    }
}
