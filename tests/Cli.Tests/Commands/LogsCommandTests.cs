using System.Text.Json;
using MiniPaas.Cli.Tests.Support;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;

namespace MiniPaas.Cli.Tests.Commands;

/// <summary><c>logs</c> and the drain commands against the real log aggregator, fed by the real shipper.</summary>
public sealed class LogsCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 1, 2, 3, 450, TimeSpan.Zero);

    private readonly TempDirectory _home = new();
    private readonly CliRun _cli = new();
    private LogAggregatorServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LogAggregatorServer.StartAsync();
        _cli.Environment["MINIPAAS_HOME"] = _home.Path;
        _cli.Environment["MINIPAAS_LOGS_API"] = _server.HostAndPort;
        _cli.Environment["MINIPAAS_LOGS_TOKEN"] = LogAggregatorServer.Token;
        _cli.Environment["TZ"] = "UTC";

        await using var shipper = new LogShipper(new LogShipperOptions { Address = _server.Address, Token = LogAggregatorServer.Token });
        shipper.TryEnqueue("hello", LogSourceTypes.App, "0", "listening on 61000", LogOutputStream.Out, Start);
        shipper.TryEnqueue("hello", LogSourceTypes.App, "1", "oops: disk full", LogOutputStream.Err, Start.AddSeconds(1));
        shipper.TryEnqueue("hello", LogSourceTypes.Router, "router-1", "hello.localhost:8080 - \"GET / HTTP/1.1\" 200 1.5ms instance:0 x_request_id:abc", LogOutputStream.Out, Start.AddSeconds(2));
        shipper.TryEnqueue("hello", LogSourceTypes.Api, "scheduler", "hello v1 pushed", LogOutputStream.Out, Start.AddSeconds(3));
        await shipper.FlushAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task Logs_Recent_PrintsCfStyleLinesOldestFirst()
    {
        var result = await _cli.RunAsync("logs", "hello", "--recent");

        Assert.Equal(0, result.ExitCode);
        var lines = Lines(result.Stdout);
        Assert.Equal(4, lines.Length);
        Assert.EndsWith(" [APP/0] OUT listening on 61000", lines[0]);
        Assert.EndsWith(" [APP/1] ERR oops: disk full", lines[1]);
        Assert.Contains(" [RTR/router-1] OUT hello.localhost:8080 - \"GET / HTTP/1.1\" 200", lines[2]);
        Assert.EndsWith(" [API/scheduler] OUT hello v1 pushed", lines[3]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d[+-]\d{4} ", lines[0]);
    }

    [Fact]
    public async Task Logs_RecentWithLinesSourceAndGrep_FiltersOnTheAggregator()
    {
        var last = await _cli.RunAsync("logs", "hello", "--recent", "-n", "1");
        var router = await _cli.RunAsync("logs", "hello", "--recent", "--source", "rtr");
        var instance = await _cli.RunAsync("logs", "hello", "--recent", "--source", "APP/1");
        var grep = await _cli.RunAsync("logs", "hello", "--recent", "--grep", "LISTENING");

        Assert.EndsWith("hello v1 pushed", Assert.Single(Lines(last.Stdout)));
        Assert.Contains("[RTR/router-1]", Assert.Single(Lines(router.Stdout)));
        Assert.EndsWith("[APP/1] ERR oops: disk full", Assert.Single(Lines(instance.Stdout)));
        Assert.EndsWith("listening on 61000", Assert.Single(Lines(grep.Stdout)));
    }

    [Fact]
    public async Task Logs_RecentSinceAbsoluteTime_LeavesOutOlderLines()
    {
        var result = await _cli.RunAsync("logs", "hello", "--recent", "--since", "2026-11-22T01:02:05Z");

        Assert.Equal(2, Lines(result.Stdout).Length);
    }

    [Fact]
    public async Task Logs_RecentJson_PrintsOneRecordPerLine()
    {
        var result = await _cli.RunAsync("logs", "hello", "--recent", "--json");

        var lines = Lines(result.Stdout);
        Assert.Equal(4, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("APP", first.RootElement.GetProperty("entry").GetProperty("sourceType").GetString());
        Assert.Equal("listening on 61000", first.RootElement.GetProperty("entry").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Logs_UnknownApp_SaysItHasNoLogs()
    {
        var result = await _cli.RunAsync("logs", "nothing-here", "--recent");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: app 'nothing-here' has no logs", result.Stderr.Trim());
    }

    [Fact]
    public async Task Logs_WrongToken_SaysTheAggregatorRefusedIt()
    {
        _cli.Environment["MINIPAAS_LOGS_TOKEN"] = "wrong";

        var result = await _cli.RunAsync("logs", "hello", "--recent");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the log aggregator refused the token from MINIPAAS_LOGS_TOKEN", result.Stderr);
    }

    [Fact]
    public async Task Logs_AggregatorNotRunning_SaysWhereTheAddressCameFrom()
    {
        _cli.Environment["MINIPAAS_LOGS_API"] = "127.0.0.1:" + FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await _cli.RunAsync("logs", "hello", "--recent");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot reach the log aggregator", result.Stderr);
        Assert.Contains("the address came from MINIPAAS_LOGS_API", result.Stderr);
    }

    [Fact]
    public async Task Logs_AddressAndTokenFromConfigJson_AreUsed()
    {
        _cli.Environment.Remove("MINIPAAS_LOGS_API");
        _cli.Environment.Remove("MINIPAAS_LOGS_TOKEN");
        _home.Write("config.json", $$"""{"logsApi":"{{_server.Address}}","logsToken":"{{LogAggregatorServer.Token}}"}""");

        var result = await _cli.RunAsync("logs", "hello", "--recent", "-n", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.EndsWith("hello v1 pushed", Assert.Single(Lines(result.Stdout)));
    }

    [Theory]
    [InlineData(new[] { "--source", "FOO" }, "error: --source: \"FOO\" is not one of APP, RTR, API, CELL, STG, LGR")]
    [InlineData(new[] { "--since", "yesterday" }, "error: --since: \"yesterday\" is neither an age")]
    [InlineData(new[] { "-n", "0" }, "error: -n: must be between 1 and 10000, not 0")]
    public async Task Logs_BadFilter_NamesTheFlag(string[] flags, string expectedStart)
    {
        var result = await _cli.RunAsync(["logs", "hello", "--recent", .. flags]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expectedStart, result.Stderr.Trim());
    }

    [Fact]
    public async Task DrainCommands_AddListDelete_RoundTrip()
    {
        var added = await _cli.RunAsync("drain", "hello", "syslog://127.0.0.1:1");
        var listed = await _cli.RunAsync("drains", "hello", "--json");
        using var document = JsonDocument.Parse(listed.Stdout);
        var id = document.RootElement.GetProperty("drains")[0].GetProperty("id").GetString()!;
        var deleted = await _cli.RunAsync("delete-drain", "hello", id);
        var after = await _cli.RunAsync("drains");

        Assert.Equal(0, added.ExitCode);
        Assert.StartsWith("drain ", added.Stdout.Trim());
        Assert.EndsWith("hello → syslog://127.0.0.1:1", added.Stdout.Trim());
        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal($"drain {id} removed: hello → syslog://127.0.0.1:1", deleted.Stdout.Trim());
        Assert.Equal("no drains: add one with `minipaas drain APP syslog://HOST:PORT`", after.Stdout.Trim());
    }

    [Fact]
    public async Task Drain_BadUrl_ShowsTheAggregatorsReason()
    {
        var result = await _cli.RunAsync("drain", "hello", "http://127.0.0.1:1");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Contains("syslog://", result.Stderr);
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
