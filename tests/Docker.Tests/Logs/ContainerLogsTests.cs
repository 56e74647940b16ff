using System.Threading.Channels;
using MiniPaas.Docker.Tests.Fixtures;

namespace MiniPaas.Docker.Tests.Logs;

[Collection(DockerEngineCollection.Name)]
public sealed class ContainerLogsTests(DockerEngineFixture engine)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ReadLogsAsync_StdoutAndStderr_KeepsStreamsApartInWriteOrder()
    {
        // The pauses only make the order across the two pipes deterministic inside the container;
        // the test itself waits on the container's exit.
        var id = await engine.RunShellAsync(
            "stdout-stderr",
            "echo out1; sleep 0.2; echo err1 >&2; sleep 0.2; echo out2; echo out3; sleep 0.2; echo 'err2 ünïcode' >&2; sleep 0.2; printf 'last without newline'");
        using var timeout = new CancellationTokenSource(Deadline);
        Assert.Equal(0, await engine.Client.WaitContainerAsync(id, timeout.Token));

        var lines = await ReadAllAsync(id, new LogsOptions { Timestamps = true });

        LogLine[] expected =
        [
            new(LogStream.Stdout, "out1"),
            new(LogStream.Stderr, "err1"),
            new(LogStream.Stdout, "out2"),
            new(LogStream.Stdout, "out3"),
            new(LogStream.Stderr, "err2 ünïcode"),
            new(LogStream.Stdout, "last without newline"),
        ];
        Assert.Equal(expected, lines.Select(line => line with { Timestamp = null }));
        Assert.All(lines, line => Assert.NotNull(line.Timestamp));
        var inspect = await engine.Client.InspectContainerAsync(id);
        Assert.All(lines, line => Assert.InRange(line.Timestamp!.Value, inspect!.State.StartedAt!.Value.AddSeconds(-1), inspect.State.FinishedAt!.Value.AddSeconds(1)));
        Assert.Equal(lines.Select(line => line.Timestamp).Order(), lines.Select(line => line.Timestamp));

        Assert.Equal(["out1", "out2", "out3", "last without newline"], (await ReadAllAsync(id, new LogsOptions { Stderr = false })).Select(line => line.Text));
        Assert.Equal(["err1", "err2 ünïcode"], (await ReadAllAsync(id, new LogsOptions { Stdout = false })).Select(line => line.Text));
        Assert.Equal(["err2 ünïcode", "last without newline"], (await ReadAllAsync(id, new LogsOptions { Tail = 2 })).Select(line => line.Text));
        Assert.Null((await ReadAllAsync(id, new LogsOptions()))[0].Timestamp);

        var sinceThird = lines[2].Timestamp!.Value;
        Assert.Equal(["out2", "out3", "err2 ünïcode", "last without newline"], (await ReadAllAsync(id, new LogsOptions { Since = sinceThird })).Select(line => line.Text));
    }

    [Fact]
    public async Task ReadLogsAsync_Follow_DeliversLinesWrittenAfterSubscribingAndEndsWithContainer()
    {
        var signalDirectory = Directory.CreateTempSubdirectory("minipaas-docker-follow-");
        try
        {
            // The container prints "ready", then waits for the test to create /signal/go before
            // printing more, so the later lines are certainly written while the test follows. They
            // all end in a newline: engine 20.10 can drop a final unterminated line from a followed
            // stream when the container exits (the non-follow test covers that case).
            var request = engine.ShellContainer(
                "follow",
                "echo ready; while [ ! -e /signal/go ]; do sleep 0.05; done; echo after go; echo oops >&2; echo done");
            request.HostConfig.Binds = [$"{signalDirectory.FullName}:/signal"];
            var id = await engine.Client.CreateContainerAsync(request);
            await engine.Client.StartContainerAsync(id);

            using var timeout = new CancellationTokenSource(Deadline);
            var received = Channel.CreateUnbounded<LogLine>();
            var follow = Task.Run(async () =>
            {
                try
                {
                    await foreach (var line in engine.Client.ReadLogsAsync(id, new LogsOptions { Follow = true }, timeout.Token))
                    {
                        await received.Writer.WriteAsync(line, timeout.Token);
                    }
                }
                finally
                {
                    received.Writer.Complete();
                }
            });

            Assert.Equal(new LogLine(LogStream.Stdout, "ready"), await received.Reader.ReadAsync(timeout.Token));
            Assert.False(follow.IsCompleted, "the followed stream ended while the container still runs");

            await File.WriteAllTextAsync(Path.Combine(signalDirectory.FullName, "go"), string.Empty, timeout.Token);

            var rest = new List<LogLine>();
            await foreach (var line in received.Reader.ReadAllAsync(timeout.Token))
            {
                rest.Add(line);
            }

            await follow;
            // Without pauses the engine's two pipe readers may interleave; order holds per stream.
            Assert.Equal(["after go", "done"], rest.Where(line => line.Stream == LogStream.Stdout).Select(line => line.Text));
            Assert.Equal(["oops"], rest.Where(line => line.Stream == LogStream.Stderr).Select(line => line.Text));
            Assert.False((await engine.Client.InspectContainerAsync(id))?.State.Running);
        }
        finally
        {
            signalDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ReadLogsAsync_FollowCancelled_StopsPromptly()
    {
        var id = await engine.RunShellAsync("follow-cancel", "echo started; while true; do sleep 1; done");
        using var cancel = new CancellationTokenSource(Deadline);
        var first = new TaskCompletionSource<LogLine>();

        var follow = Task.Run(async () =>
        {
            await foreach (var line in engine.Client.ReadLogsAsync(id, new LogsOptions { Follow = true }, cancel.Token))
            {
                first.TrySetResult(line);
            }
        });
        Assert.Equal("started", (await first.Task.WaitAsync(Deadline)).Text);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => follow.WaitAsync(Deadline));
        await engine.Client.RemoveContainerAsync(id, force: true);
    }

    private async Task<List<LogLine>> ReadAllAsync(string id, LogsOptions options)
    {
        var lines = new List<LogLine>();
        await foreach (var line in engine.Client.ReadLogsAsync(id, options))
        {
            lines.Add(line);
        }

        return lines;
    }
}
