using System.Globalization;
using System.Text.Json;
using MiniPaas.Docker.Diagnostics;
using MiniPaas.Docker.Serialization;
using MiniPaas.Docker.Transport;

namespace MiniPaas.Docker;

public sealed partial class DockerClient
{
    /// <summary>The engine's own default stop grace period, used when none is given.</summary>
    private static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Creates (does not start) a container (<c>POST /containers/create</c>).</summary>
    /// <returns>The new container's id.</returns>
    /// <exception cref="ArgumentException">The request lacks an image or has a malformed name.</exception>
    /// <exception cref="DockerNotFoundException">The image does not exist locally.</exception>
    /// <exception cref="DockerConflictException">The name is taken.</exception>
    public async Task<string> CreateContainerAsync(CreateContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Image))
        {
            throw new ArgumentException("CreateContainerRequest.Image must name the image to run.", nameof(request));
        }

        ArgumentNullException.ThrowIfNull(request.HostConfig, $"{nameof(request)}.{nameof(request.HostConfig)}");
        if (request.HostConfig.Memory is < 0)
        {
            throw new ArgumentException($"HostConfig.Memory must be a positive number of bytes, was {request.HostConfig.Memory}.", nameof(request));
        }

        if (request.HostConfig.NanoCpus is < 0)
        {
            throw new ArgumentException($"HostConfig.NanoCpus must be positive, was {request.HostConfig.NanoCpus}.", nameof(request));
        }

        var path = new QueryString("/containers/create")
            .Add("name", request.Name is null ? null : DockerPath.Container(request.Name, $"{nameof(request)}.{nameof(request.Name)}"))
            .ToString();
        using var body = JsonBody(JsonSerializer.Serialize(request, DockerJsonContext.Default.CreateContainerRequest));
        var created = await transport.SendForJsonAsync(HttpMethod.Post, path, body, DockerJsonContext.Default.CreateContainerResponse, cancellationToken).ConfigureAwait(false);

        DockerLog.ContainerCreated(logger, created.Id, request.Name, request.Image);
        foreach (var warning in created.Warnings ?? [])
        {
            DockerLog.ContainerCreateWarning(logger, created.Id, warning);
        }

        return created.Id;
    }

    /// <summary>Starts a container (<c>POST /containers/{id}/start</c>); starting a running one is a no-op.</summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    public async Task StartContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        await transport.SendAsync(HttpMethod.Post, $"/containers/{container}/start", content: null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops a container (<c>POST /containers/{id}/stop</c>): its stop signal, then SIGKILL after
    /// <paramref name="timeout"/>. Stopping a stopped one is a no-op. The request timeout is
    /// extended by the grace period.
    /// </summary>
    /// <param name="id">Container id or name.</param>
    /// <param name="timeout">Grace period, whole seconds; null for the engine's (10 s unless the container set one).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task StopContainerAsync(string id, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        if (timeout is { } grace && grace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The stop grace period cannot be negative.");
        }

        var seconds = timeout is { } value ? (long)Math.Ceiling(value.TotalSeconds) : (long?)null;
        var path = new QueryString($"/containers/{container}/stop").Add("t", seconds).ToString();
        var graceAllowance = timeout ?? DefaultStopTimeout;
        await transport.SendAsync(HttpMethod.Post, path, content: null, graceAllowance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a signal to a container's main process (<c>POST /containers/{id}/kill</c>).</summary>
    /// <param name="id">Container id or name.</param>
    /// <param name="signal">Signal name (<c>SIGKILL</c>, <c>SIGTERM</c>, ...) or number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public async Task KillContainerAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        var path = new QueryString($"/containers/{container}/kill").Add("signal", signal).ToString();
        await transport.SendAsync(HttpMethod.Post, path, content: null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inspects a container (<c>GET /containers/{id}/json</c>); null when it does not exist.</summary>
    public Task<ContainerInspect?> InspectContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        return transport.GetJsonOrDefaultAsync($"/containers/{container}/json", DockerJsonContext.Default.ContainerInspect, cancellationToken);
    }

    /// <summary>Lists containers (<c>GET /containers/json</c>).</summary>
    /// <param name="all">Include stopped containers.</param>
    /// <param name="labelFilter">
    /// Every entry must match: a null value means "has the label", a value means <c>key=value</c>.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(bool all = false, IDictionary<string, string?>? labelFilter = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString("/containers/json").Add("all", all);
        if (labelFilter is { Count: > 0 })
        {
            var filters = new Dictionary<string, List<string>> { ["label"] = LabelConditions(labelFilter, nameof(labelFilter)) };
            query.Add("filters", JsonSerializer.Serialize(filters, DockerJsonContext.Default.DictionaryStringListString));
        }

        return await transport.SendForJsonAsync(HttpMethod.Get, query.ToString(), content: null, DockerJsonContext.Default.ListContainerSummary, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes a container and its anonymous volumes (<c>DELETE /containers/{id}?v=1</c>).</summary>
    /// <param name="id">Container id or name.</param>
    /// <param name="force">Kill it first if it runs.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    /// <exception cref="DockerConflictException">It runs and <paramref name="force"/> is false.</exception>
    public async Task RemoveContainerAsync(string id, bool force = false, CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        var path = new QueryString($"/containers/{container}").Add("force", force).Add("v", true).ToString();
        await transport.SendAsync(HttpMethod.Delete, path, content: null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        DockerLog.ContainerRemoved(logger, container, force);
    }

    /// <summary>
    /// Waits until a container is not running (<c>POST /containers/{id}/wait</c>) and returns its
    /// exit code. Returns at once for a stopped container. No request timeout applies: bound it
    /// with <paramref name="cancellationToken"/>.
    /// </summary>
    /// <exception cref="DockerNotFoundException">No such container.</exception>
    public async Task<long> WaitContainerAsync(string id, CancellationToken cancellationToken = default)
    {
        var container = DockerPath.Container(id, nameof(id));
        // The engine sends the headers at once and the body when the container exits, so this is read as a stream.
        using var response = await transport.OpenStreamAsync(HttpMethod.Post, $"/containers/{container}/wait", content: null, headers: null, cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var result = await JsonSerializer.DeserializeAsync(body, DockerJsonContext.Default.WaitContainerResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new DockerApiException(response.StatusCode, $"The engine answered the wait for {container} with an empty body.");
        if (!string.IsNullOrEmpty(result.Error?.Message))
        {
            throw new DockerApiException(response.StatusCode, result.Error.Message);
        }

        return result.StatusCode;
    }

    private static List<string> LabelConditions(IDictionary<string, string?> labels, string parameterName)
    {
        var conditions = new List<string>(labels.Count);
        foreach (var (key, value) in labels)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Contains('='))
            {
                throw new ArgumentException($"Label filter key '{key}' must be non-empty and contain no '='.", parameterName);
            }

            conditions.Add(value is null ? key : string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
        }

        return conditions;
    }
}
