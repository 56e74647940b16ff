namespace MiniPaas.Docker;

/// <summary>
/// Host-side settings of a container: network, resource limits, restart policy, mounts. Used when
/// creating a container and filled in when inspecting one.
/// </summary>
public sealed class HostConfig
{
    /// <summary>
    /// Network mode. Default: <c>host</c>, because MiniPaas engines run without a bridge and apps
    /// listen on the loopback port they are given.
    /// </summary>
    public string NetworkMode { get; set; } = "host";

    /// <summary>Memory limit in bytes; null (or 0 when inspected) means unlimited. Default: null.</summary>
    public long? Memory { get; set; }

    /// <summary>CPU quota in units of 10⁻⁹ CPUs (1 CPU = 1 000 000 000). Default: null (unlimited).</summary>
    public long? NanoCpus { get; set; }

    /// <summary>Remove the container when it exits. Default: false.</summary>
    public bool AutoRemove { get; set; }

    /// <summary>Restart policy. Default: null (the engine's default, <c>no</c>).</summary>
    public RestartPolicy? RestartPolicy { get; set; }

    /// <summary>Bind mounts as <c>host-path:container-path[:ro]</c>. Default: null.</summary>
    public IList<string>? Binds { get; set; }

    /// <summary>
    /// Run the engine's init (tini) as PID 1. Default: null (the engine's default, off). An app
    /// process that is PID 1 gets no default signal handlers, so without an init it ignores SIGTERM
    /// and every graceful stop waits out its whole timeout.
    /// </summary>
    public bool? Init { get; set; }
}
