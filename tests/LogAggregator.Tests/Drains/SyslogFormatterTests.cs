using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using MiniPaas.LogAggregator.Drains;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Tests.Drains;

public sealed partial class SyslogFormatterTests
{
    [Fact]
    public void Format_OutLine_IsRfc5424WithInformationalSeverityAndInstanceTag()
    {
        var line = new LogLine(new DateTimeOffset(2026, 11, 22, 1, 2, 3, 450, TimeSpan.Zero), "APP", "0", LineStream.Out, "hello world");

        var message = SyslogFormatter.Format("hello", line);

        Assert.Equal("<14>1 2026-11-22T01:02:03.450000Z hello hello [APP/0] - - hello world", message);
        Assert.Matches(Rfc5424Header(), message);
    }

    [Fact]
    public void Format_ErrLine_UsesErrorSeverity()
    {
        var line = new LogLine(DateTimeOffset.UnixEpoch, "CELL", "node 1", LineStream.Err, "crashed");

        Assert.StartsWith("<11>1 1970-01-01T00:00:00.000000Z shop shop [CELL/node_1] - - ", SyslogFormatter.Format("shop", line), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFrame_MultiByteMessage_PrefixCountsBytesNotCharacters()
    {
        var output = new ArrayBufferWriter<byte>();
        SyslogFormatter.WriteFrame("app", new LogLine(DateTimeOffset.UnixEpoch, "APP", "0", LineStream.Out, "ünïcødé"), output);

        var text = Encoding.UTF8.GetString(output.WrittenSpan);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var declared = int.Parse(text[..space], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(output.WrittenCount - space - 1, declared);
    }

    // PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD (RFC 5424 section 6).
    [GeneratedRegex(@"^<\d{1,3}>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?Z [!-~]{1,255} [!-~]{1,48} [!-~]{1,128} [!-~]{1,32} (-|\[.*\]) ")]
    private static partial Regex Rfc5424Header();
}
