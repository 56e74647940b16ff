using System.Runtime.CompilerServices;
using MiniPaas.Docker.Logs;
using MiniPaas.Docker.Serialization;
using MiniPaas.Docker.Transport;

namespace MiniPaas.Docker;

public sealed partial class DockerClient
{
    private const int LogReadBufferBytes = 16 * 1024;

    /// <summary>
    /// Streams a container's output as lines (<c>GET /containers/{id}/logs</c>). With
    /// <see cref="LogsOptions.Follow"/> the stream stays open until the container stops or
    /// <paramref name="cancellationToken"/> fires; otherwise it ends after the existing lines. A last
    /// line without a newline is delivered when the stream ends. Only for containers without a TTY
    /// (the only kind <see cref="CreateContainerAsync"/> makes).
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    /// <exception cref="InvalidDataException">The stream is not in the multiplexed format or was cut inside a frame.</exception>
    public async IAsyncEnumerable<LogLine> ReadLogsAsync(string id, LogsOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Stdout && !options.Stderr)
        {
            throw new ArgumentException("LogsOptions must include Stdout, Stderr or both.", nameof(options));
        }

        if (options.Tail is < 0)
        {
            throw new ArgumentException($"LogsOptions.Tail must be zero or more, was {options.Tail}.", nameof(options));
        }

        var path = new QueryString($"/containers/{container}/logs")
            .Add("follow", options.Follow)
            .Add("stdout", options.Stdout)
            .Add("stderr", options.Stderr)
            .Add("timestamps", options.Timestamps)
            .Add("since", options.Since is { } since ? DockerTimestamp.ToUnixSecondsText(since) : null)
            .Add("tail", options.Tail is { } tail ? tail.ToString(System.Globalization.CultureInfo.InvariantCulture) : "all")
            .ToString();

        using var response = await transport.OpenStreamAsync(HttpMethod.Get, path, content: null, headers: null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);

        var decoder = new LogFrameDecoder(options.Timestamps);
        var buffer = new byte[LogReadBufferBytes];
        var lines = new List<LogLine>();
        while (true)
        {
            var read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                decoder.Complete(lines);
            }
            else
            {
                decoder.Decode(buffer.AsSpan(0, read), lines);
            }

            foreach (var line in lines)
            {
                yield return line;
            }

            lines.Clear();
            if (read == 0)
            {
                yield break;
            }
        }
    }
}
