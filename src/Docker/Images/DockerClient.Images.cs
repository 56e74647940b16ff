using System.Text;
using MiniPaas.Docker.Diagnostics;
using MiniPaas.Docker.Images;
using MiniPaas.Docker.Serialization;
using MiniPaas.Docker.Transport;

namespace MiniPaas.Docker;

public sealed partial class DockerClient
{
    private const string TarMediaType = "application/x-tar";
    private const string LoadedImagePrefix = "Loaded image: ";
    private const string LoadedImageIdPrefix = "Loaded image ID: ";

    /// <summary>
    /// Loads images from a <c>docker save</c> archive (<c>POST /images/load</c>). The stream is read
    /// to its end and left open. No request timeout applies.
    /// </summary>
    /// <returns>What the engine loaded: <c>repo:tag</c> for tagged images, the image id otherwise.</returns>
    /// <exception cref="DockerApiException">The engine rejected the archive; the message is the engine's.</exception>
    public async Task<IReadOnlyList<string>> LoadImageAsync(Stream tarArchive, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tarArchive);
        using var content = new UploadStreamContent(tarArchive, TarMediaType);
        using var response = await transport.OpenStreamAsync(HttpMethod.Post, "/images/load?quiet=0", content, headers: null, cancellationToken).ConfigureAwait(false);

        var loaded = new List<string>();
        await foreach (var message in ReadJsonMessagesAsync(response, cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in (message.Stream ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (line.StartsWith(LoadedImagePrefix, StringComparison.Ordinal))
                {
                    loaded.Add(line[LoadedImagePrefix.Length..]);
                }
                else if (line.StartsWith(LoadedImageIdPrefix, StringComparison.Ordinal))
                {
                    loaded.Add(line[LoadedImageIdPrefix.Length..]);
                }
            }
        }

        if (loaded.Count == 0)
        {
            throw new DockerApiException(response.StatusCode, "The engine accepted the archive but reported no loaded image; is it in 'docker save' format (manifest.json at its root)?");
        }

        DockerLog.ImageLoaded(logger, string.Join(", ", loaded));
        return loaded;
    }

    /// <summary>
    /// Pulls an image (<c>POST /images/create?fromImage=</c>). No request timeout applies.
    /// </summary>
    /// <param name="image"><c>repo</c>, <c>repo:tag</c> or <c>repo@sha256:...</c>, registry host included (e.g. <c>127.0.0.1:5000/app:1</c>).</param>
    /// <param name="progress">Receives each progress message as text, e.g. <c>abc123: Downloading [==&gt; ] 1MB/2MB</c>.</param>
    /// <param name="registryAuth">Value for <c>X-Registry-Auth</c>, see <see cref="EncodeRegistryAuth"/>; null for anonymous.</param>
    /// <param name="cancellationToken">Cancels the pull.</param>
    /// <exception cref="ArgumentException">The reference is malformed.</exception>
    /// <exception cref="DockerApiException">The engine or the registry failed, before or during the transfer; the message is the engine's.</exception>
    public async Task PullImageAsync(string image, IProgress<string>? progress = null, string? registryAuth = null, CancellationToken cancellationToken = default)
    {
        var reference = ImageReference.Parse(image, nameof(image));
        var path = new QueryString("/images/create")
            .Add("fromImage", reference.Repository)
            .Add("tag", reference.TagOrDigest)
            .ToString();
        var headers = string.IsNullOrEmpty(registryAuth) ? null : new Dictionary<string, string> { ["X-Registry-Auth"] = registryAuth };

        using var response = await transport.OpenStreamAsync(HttpMethod.Post, path, content: null, headers, cancellationToken).ConfigureAwait(false);
        await foreach (var message in ReadJsonMessagesAsync(response, cancellationToken).ConfigureAwait(false))
        {
            progress?.Report(FormatProgress(message));
        }

        DockerLog.ImagePulled(logger, image);
    }

    /// <summary>Inspects an image (<c>GET /images/{name}/json</c>); null when it does not exist.</summary>
    public Task<ImageInspect?> InspectImageAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        var image = DockerPath.Image(nameOrId, nameof(nameOrId));
        return transport.GetJsonOrDefaultAsync($"/images/{image}/json", DockerJsonContext.Default.ImageInspect, cancellationToken);
    }

    /// <summary>Removes an image or one of its tags (<c>DELETE /images/{name}</c>).</summary>
    /// <param name="nameOrId">Tag or id.</param>
    /// <param name="force">Remove even if containers use it or it has several tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="DockerNotFoundException">No such image.</exception>
    /// <exception cref="DockerConflictException">A container uses it and <paramref name="force"/> is false.</exception>
    public async Task RemoveImageAsync(string nameOrId, bool force = false, CancellationToken cancellationToken = default)
    {
        var image = DockerPath.Image(nameOrId, nameof(nameOrId));
        var path = new QueryString($"/images/{image}").Add("force", force).ToString();
        await transport.SendAsync(HttpMethod.Delete, path, content: null, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        DockerLog.ImageRemoved(logger, nameOrId, force);
    }

    /// <summary>
    /// Creates a one-layer image from a root filesystem tar (<c>POST /images/create?fromSrc=-</c>),
    /// tagged <paramref name="repository"/>:<paramref name="tag"/>. The stream is read to its end
    /// and left open. No request timeout applies.
    /// </summary>
    /// <returns>The new image id (<c>sha256:...</c>).</returns>
    public async Task<string> ImportImageAsync(Stream rootfsTar, string repository, string tag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rootfsTar);
        ImageReference.ValidateRepository(repository, nameof(repository));
        ImageReference.ValidateTag(tag, nameof(tag));
        var path = new QueryString("/images/create")
            .Add("fromSrc", "-")
            .Add("repo", repository)
            .Add("tag", tag)
            .ToString();

        using var content = new UploadStreamContent(rootfsTar, TarMediaType);
        using var response = await transport.OpenStreamAsync(HttpMethod.Post, path, content, headers: null, cancellationToken).ConfigureAwait(false);
        string? imageId = null;
        await foreach (var message in ReadJsonMessagesAsync(response, cancellationToken).ConfigureAwait(false))
        {
            // The final message's status is the new image id.
            if (message.Status?.StartsWith("sha256:", StringComparison.Ordinal) == true)
            {
                imageId = message.Status.Trim();
            }
        }

        if (imageId is null)
        {
            throw new DockerApiException(response.StatusCode, $"The engine finished importing {repository}:{tag} without reporting an image id.");
        }

        DockerLog.ImageImported(logger, repository, tag, imageId);
        return imageId;
    }

    /// <summary>Reads a progress stream, failing on the first message that carries an error.</summary>
    private static async IAsyncEnumerable<JsonStreamMessage> ReadJsonMessagesAsync(
        HttpResponseMessage response,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var message in JsonLinesReader.ReadAsync(body, DockerJsonContext.Default.JsonStreamMessage, cancellationToken).ConfigureAwait(false))
        {
            var error = message.ErrorDetail?.Message is { Length: > 0 } detail ? detail : message.Error;
            if (!string.IsNullOrEmpty(error))
            {
                throw new DockerApiException(response.StatusCode, error);
            }

            yield return message;
        }
    }

    private static string FormatProgress(JsonStreamMessage message)
    {
        var text = new StringBuilder();
        if (!string.IsNullOrEmpty(message.Id))
        {
            text.Append(message.Id).Append(": ");
        }

        text.Append(message.Status ?? message.Stream?.TrimEnd() ?? string.Empty);
        if (!string.IsNullOrEmpty(message.Progress))
        {
            text.Append(' ').Append(message.Progress);
        }

        return text.ToString();
    }
}
