using System.Runtime.CompilerServices;
using System.Text.Json;
using MiniPaas.Docker.Serialization;
using MiniPaas.Docker.Transport;

namespace MiniPaas.Docker;

public sealed partial class DockerClient
{
    /// <summary>
    /// Streams engine events (<c>GET /events</c>) that match <paramref name="filter"/>, until
    /// <paramref name="cancellationToken"/> fires or <see cref="EventsFilter.Until"/> passes. The
    /// subscription starts when enumeration starts; use <see cref="EventsFilter.Since"/> to also
    /// receive events from just before.
    /// </summary>
    public async IAsyncEnumerable<DockerEvent> WatchEventsAsync(EventsFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var filters = new Dictionary<string, List<string>>();
        AddFilter(filters, "type", filter.Types);
        AddFilter(filters, "event", filter.Events);
        AddFilter(filters, "container", filter.Containers);
        if (filter.Labels is { Count: > 0 })
        {
            filters["label"] = LabelConditions(filter.Labels, nameof(filter));
        }

        var query = new QueryString("/events")
            .Add("since", filter.Since is { } since ? DockerTimestamp.ToUnixSecondsText(since) : null)
            .Add("until", filter.Until is { } until ? DockerTimestamp.ToUnixSecondsText(until) : null);
        if (filters.Count > 0)
        {
            query.Add("filters", JsonSerializer.Serialize(filters, DockerJsonContext.Default.DictionaryStringListString));
        }

        using var response = await transport.OpenStreamAsync(HttpMethod.Get, query.ToString(), content: null, headers: null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var dockerEvent in JsonLinesReader.ReadAsync(body, DockerJsonContext.Default.DockerEvent, cancellationToken).ConfigureAwait(false))
        {
            yield return dockerEvent;
        }
    }

    private static void AddFilter(Dictionary<string, List<string>> filters, string name, IList<string>? values)
    {
        if (values is not { Count: > 0 })
        {
            return;
        }

        if (values.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"The '{name}' events filter contains an empty value.", nameof(values));
        }

        filters[name] = [.. values];
    }
}
