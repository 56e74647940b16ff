using System.Text;
using MiniPaas.LogAggregator.Clef;
using MiniPaas.LogAggregator.Ingest;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Tests.Infrastructure;

namespace MiniPaas.LogAggregator.Tests.Clef;

public sealed class ClefParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);
    private readonly ClefParser _parser = new(new LineNormalizer(4096), new ManualTimeProvider(Now));

    [Fact]
    public async Task Parse_TemplateEvent_RendersPropertiesAndKeepsThemAsFields()
    {
        var batch = await ParseAsync("""{"@t":"2026-01-02T03:04:05.678Z","@mt":"Order {OrderId} for {@Customer} took {Elapsed:0.0} ms {{literal}}","OrderId":42,"Customer":{"Name":"Ann"},"Elapsed":12.5,"Application":"shop","@@odd":"x"}""");

        Assert.Null(batch.Error);
        var (app, line) = Assert.Single(batch.Lines);
        Assert.Equal("shop", app);
        Assert.Equal("""Order 42 for {"Name":"Ann"} took 12.5 ms {literal}""", line.Message);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero), line.Timestamp);
        Assert.Equal("APP", line.SourceType);
        Assert.Equal(LineStream.Out, line.Stream);
        Assert.Equal("Information", line.Fields["level"]);
        Assert.Equal("42", line.Fields["OrderId"]);
        Assert.Equal("x", line.Fields["@odd"]);
    }

    [Fact]
    public async Task Parse_ErrorWithException_GoesToErrWithExceptionAppended()
    {
        var batch = await ParseAsync("""{"@m":"boom","@l":"Error","@x":"System.Exception: boom\n   at Main()","app":"shop","InstanceIndex":"2"}""");

        var line = Assert.Single(batch.Lines).Line;
        Assert.Equal(LineStream.Err, line.Stream);
        Assert.Equal("2", line.SourceInstance);
        Assert.StartsWith("boom" + Environment.NewLine + "System.Exception: boom", line.Message, StringComparison.Ordinal);
        Assert.Equal(Now, line.Timestamp);
    }

    [Fact]
    public async Task Parse_InvalidJsonOnThirdLine_FailsNamingLineThreeAndReturnsNoLines()
    {
        var batch = await ParseAsync("{\"@m\":\"one\",\"app\":\"shop\"}\n\n{\"@m\":\"two\",\n{\"@m\":\"four\",\"app\":\"shop\"}");

        Assert.StartsWith("line 3: not valid JSON", batch.Error, StringComparison.Ordinal);
        Assert.Empty(batch.Lines);
    }

    [Theory]
    [InlineData("""{"@m":"x"}""", "no app")]
    [InlineData("""{"@m":"x","app":"Bad_Name"}""", "invalid app name")]
    [InlineData("""{"@t":"yesterday","@m":"x","app":"shop"}""", "@t must be an ISO 8601 timestamp")]
    [InlineData("""{"@l":"Error","app":"shop"}""", "no message")]
    [InlineData("""["@m"]""", "expected a JSON object")]
    [InlineData("""{"@m":5,"app":"shop"}""", "@m must be a string")]
    public async Task Parse_BadEvent_NamesTheProblem(string body, string expected)
    {
        var batch = await ParseAsync(body);

        Assert.Contains(expected, batch.Error, StringComparison.Ordinal);
        Assert.StartsWith("line 1: ", batch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_AppQueryParameter_WinsOverProperty()
    {
        var batch = await _parser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes("""{"@m":"x","Application":"other"}""")), "shop", "7", CancellationToken.None);

        var (app, line) = Assert.Single(batch.Lines);
        Assert.Equal("shop", app);
        Assert.Equal("7", line.SourceInstance);
    }

    private Task<ClefBatch> ParseAsync(string body) =>
        _parser.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), null, null, CancellationToken.None);
}
