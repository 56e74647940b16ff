namespace MiniPaas.Docker;

/// <summary>Which events <see cref="DockerClient.WatchEventsAsync"/> asks the engine for. Empty lists mean "any".</summary>
public sealed class EventsFilter
{
    /// <summary>Object types, e.g. <c>container</c>. Default: null (all).</summary>
    public IList<string>? Types { get; set; }

    /// <summary>Actions, e.g. <c>start</c>, <c>die</c>, <c>oom</c>, <c>kill</c>. Default: null (all).</summary>
    public IList<string>? Events { get; set; }

    /// <summary>
    /// Label conditions: a null value matches any object having the label, a value matches
    /// <c>key=value</c> exactly. Default: null.
    /// </summary>
    public IDictionary<string, string?>? Labels { get; set; }

    /// <summary>Container ids or names. Default: null (all).</summary>
    public IList<string>? Containers { get; set; }

    /// <summary>
    /// Replay events from this time on before streaming new ones. Default: null (only new events).
    /// Pass a time taken before the action you are waiting on: the subscription starts only when
    /// enumeration starts, and replay closes the gap between the two.
    /// </summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>End the stream at this time. Default: null (stream until cancelled).</summary>
    public DateTimeOffset? Until { get; set; }
}
