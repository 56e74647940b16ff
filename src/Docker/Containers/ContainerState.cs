using System.Text.Json.Serialization;
using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker;

/// <summary>The <c>State</c> part of a container inspection.</summary>
public sealed class ContainerState
{
    /// <summary>One of <c>created</c>, <c>running</c>, <c>paused</c>, <c>restarting</c>, <c>removing</c>, <c>exited</c>, <c>dead</c>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Whether the container's process runs.</summary>
    public bool Running { get; init; }

    /// <summary>Whether the container is paused.</summary>
    public bool Paused { get; init; }

    /// <summary>Whether the engine is restarting it.</summary>
    public bool Restarting { get; init; }

    /// <summary>Whether the kernel's OOM killer ended its last run.</summary>
    [JsonPropertyName("OOMKilled")]
    public bool OomKilled { get; init; }

    /// <summary>Whether the engine gave up on it.</summary>
    public bool Dead { get; init; }

    /// <summary>Host process id of its main process; 0 when not running.</summary>
    public int Pid { get; init; }

    /// <summary>Exit code of the last run (137 after SIGKILL).</summary>
    public int ExitCode { get; init; }

    /// <summary>The engine's error for the last start, if any.</summary>
    public string? Error { get; init; }

    /// <summary>When the last run started; null if never started.</summary>
    [JsonConverter(typeof(DockerTimestampConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the last run ended; null if it has not ended.</summary>
    [JsonConverter(typeof(DockerTimestampConverter))]
    public DateTimeOffset? FinishedAt { get; init; }
}
