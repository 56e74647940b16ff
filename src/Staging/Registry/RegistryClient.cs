using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MiniPaas.Staging.Layers;

namespace MiniPaas.Staging;

/// <summary>
/// RegistryClient speaks the OCI distribution API: checks and uploads blobs (monolithic
/// POST-then-PUT), pushes and fetches manifests. Registry errors become <see cref="RegistryException"/>.
/// </summary>
public sealed partial class RegistryClient
{
    /// <summary>The OCI image manifest media type.</summary>
    public const string OciManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    private const string DockerManifestMediaType = "application/vnd.docker.distribution.manifest.v2+json";

    private readonly HttpClient _httpClient;
    private readonly RegistryClientOptions _options;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>
    /// Creates a client over <paramref name="httpClient"/> (whose own timeout should be infinite
    /// or long: each call applies the timeouts from <paramref name="options"/>).
    /// </summary>
    public RegistryClient(HttpClient httpClient, RegistryClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"RegistryClientOptions.BaseAddress must be an absolute http(s) address (was '{options.BaseAddress}').", nameof(options));
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.BlobUploadTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RegistryClientOptions.RequestTimeout and BlobUploadTimeout must be positive.", nameof(options));
        }

        _httpClient = httpClient;
        _options = options;
        if (options.Token is { Length: > 0 } token)
        {
            _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + token)));
        }
    }

    /// <summary>host:port of the registry, as an engine needs it in an image reference.</summary>
    public string Authority => _options.BaseAddress.Authority;

    /// <summary>True if <paramref name="digest"/> is already stored in <paramref name="repository"/>.</summary>
    public async Task<bool> BlobExistsAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateDigest(digest);
        using var request = NewRequest(HttpMethod.Head, $"v2/{repository}/blobs/{digest}");
        using var response = await SendAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Uploads <paramref name="length"/> bytes of <paramref name="content"/> as blob
    /// <paramref name="digest"/>: POST opens an upload session, one PUT with <c>?digest=</c> completes it.
    /// The registry verifies the digest and refuses a mismatch (<c>DIGEST_INVALID</c>).
    /// </summary>
    public async Task PushBlobAsync(string repository, string digest, Stream content, long length, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateDigest(digest);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);

        Uri uploadLocation;
        using (var start = NewRequest(HttpMethod.Post, $"v2/{repository}/blobs/uploads/"))
        {
            start.Content = new ByteArrayContent([]);
            using var started = await SendAsync(start, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            await EnsureSuccessAsync(started, cancellationToken).ConfigureAwait(false);
            var location = started.Headers.Location
                ?? throw new RegistryException(started.StatusCode, "UPLOAD_LOCATION_MISSING", "the registry opened an upload but sent no Location header");
            uploadLocation = location.IsAbsoluteUri ? location : new Uri(_options.BaseAddress, location);
        }

        var separator = uploadLocation.Query.Length > 0 ? "&" : "?";
        var completeUri = new Uri(uploadLocation + separator + "digest=" + Uri.EscapeDataString(digest));
        using var complete = new HttpRequestMessage(HttpMethod.Put, completeUri);
        complete.Headers.Authorization = _authorization;
        complete.Content = new StreamContent(content);
        complete.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        complete.Content.Headers.ContentLength = length;
        using var completed = await SendAsync(complete, _options.BlobUploadTimeout, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(completed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the registry to link blob <paramref name="digest"/> from <paramref name="fromRepository"/>
    /// into <paramref name="repository"/> without sending its bytes (OCI cross-repository mount):
    /// a stack layer shared by every app then costs one request for each new app.
    /// Returns false when the registry declined (it lacks the blob there or does not mount), in
    /// which case the caller uploads the blob as usual.
    /// </summary>
    public async Task<bool> MountBlobAsync(string repository, string digest, string fromRepository, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateRepository(fromRepository);
        ValidateDigest(digest);
        using var request = NewRequest(HttpMethod.Post, $"v2/{repository}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(fromRepository)}");
        request.Content = new ByteArrayContent([]);
        using var response = await SendAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);

        // 202: the registry opened an ordinary upload instead; close it rather than leave it dangling.
        if (response.Headers.Location is { } location)
        {
            using var cancel = new HttpRequestMessage(HttpMethod.Delete, location.IsAbsoluteUri ? location : new Uri(_options.BaseAddress, location));
            cancel.Headers.Authorization = _authorization;
            try
            {
                using var _ = await SendAsync(cancel, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (RegistryException)
            {
                // Registries expire abandoned uploads on their own; this was only tidiness.
            }
        }

        return false;
    }

    /// <summary>
    /// Stores <paramref name="manifest"/> under <paramref name="reference"/> (a tag or its own digest)
    /// and returns its digest, computed here and checked against the registry's <c>Docker-Content-Digest</c>.
    /// </summary>
    public async Task<string> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateReference(reference);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);

        var digest = Digests.Of(manifest);
        using var request = NewRequest(HttpMethod.Put, $"v2/{repository}/manifests/{reference}");
        request.Content = new ByteArrayContent(manifest);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await SendAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } reported && reported != digest)
        {
            throw new RegistryException(response.StatusCode, "DIGEST_MISMATCH", $"the registry stored the manifest as {reported}, but its bytes hash to {digest}");
        }

        return digest;
    }

    /// <summary>Fetches the manifest stored under <paramref name="reference"/> (a tag or digest), byte for byte.</summary>
    public async Task<byte[]> GetManifestAsync(string repository, string reference, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateReference(reference);
        using var request = NewRequest(HttpMethod.Get, $"v2/{repository}/manifests/{reference}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciManifestMediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(DockerManifestMediaType));
        using var response = await SendAsync(request, _options.RequestTimeout, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches a (small) blob such as an image config.</summary>
    public async Task<byte[]> GetBlobAsync(string repository, string digest, CancellationToken cancellationToken = default)
    {
        ValidateRepository(repository);
        ValidateDigest(digest);
        using var request = NewRequest(HttpMethod.Get, $"v2/{repository}/blobs/{digest}");
        using var response = await SendAsync(request, _options.BlobUploadTimeout, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True if <paramref name="repository"/> is a valid OCI repository name.</summary>
    public static bool IsValidRepository(string repository) => repository.Length is > 0 and <= 255 && RepositoryName().IsMatch(repository);

    private static void ValidateRepository(string repository)
    {
        if (!IsValidRepository(repository))
        {
            throw new ArgumentException($"'{repository}' is not a valid repository name (lowercase letters, digits and separators . _ __ - /).", nameof(repository));
        }
    }

    private static void ValidateDigest(string digest)
    {
        if (!Digests.IsValid(digest))
        {
            throw new ArgumentException($"'{digest}' is not a sha256 digest (sha256: followed by 64 lowercase hex digits).", nameof(digest));
        }
    }

    private static void ValidateReference(string reference)
    {
        if (!Digests.IsValid(reference) && !TagName().IsMatch(reference))
        {
            throw new ArgumentException($"'{reference}' is neither a tag nor a sha256 digest.", nameof(reference));
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(_options.BaseAddress, relative));
        request.Headers.Authorization = _authorization;
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RegistryException(null, "TIMEOUT", $"{request.Method} {request.RequestUri} got no answer within {timeout}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new RegistryException(null, "UNREACHABLE", $"{request.Method} {request.RequestUri} failed: {ex.Message}", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (TryParseErrors(body) is { } error)
        {
            throw new RegistryException(response.StatusCode, error.Code, error.Message);
        }

        var request = response.RequestMessage;
        var snippet = body.Length > 200 ? body[..200] : body;
        var code = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => "UNAUTHORIZED",
            HttpStatusCode.Forbidden => "DENIED",
            HttpStatusCode.NotFound => "NOT_FOUND",
            _ => "UNKNOWN",
        };
        throw new RegistryException(response.StatusCode, code, $"{request?.Method} {request?.RequestUri} answered {(int)response.StatusCode} {response.ReasonPhrase} {snippet}".TrimEnd());
    }

    private static (string Code, string Message)? TryParseErrors(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("errors", out var errors)
                && errors.ValueKind == JsonValueKind.Array
                && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                var code = first.TryGetProperty("code", out var c) ? c.GetString() ?? "UNKNOWN" : "UNKNOWN";
                var message = first.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
                if (first.TryGetProperty("detail", out var detail) && detail.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    message += $" ({detail.GetRawText()})";
                }

                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not an OCI error body; the caller reports the raw answer instead.
        }

        return null;
    }

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryName();

    [GeneratedRegex("^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$")]
    private static partial Regex TagName();
}
