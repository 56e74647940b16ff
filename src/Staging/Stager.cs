using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniPaas.Staging.Layers;
using MiniPaas.Staging.Logging;
using MiniPaas.Staging.Oci;
using MiniPaas.Staging.Registry;
using MiniPaas.Staging.Stacks;

namespace MiniPaas.Staging;

/// <summary>
/// Stager turns an app directory into an OCI image without a container engine: it picks a
/// stack, builds the app (if the stack needs to), writes a reproducible app layer on top of the
/// stack's cached layers, writes the config and manifest, and pushes whatever the registry lacks.
/// One instance is meant to live as long as the control plane: it remembers stack layer plans.
/// It is safe to stage several apps at once.
/// </summary>
public sealed partial class Stager
{
    /// <summary>Label naming the app an image was staged for.</summary>
    public const string AppLabel = "io.minipaas.app";

    /// <summary>Label naming the stack an image was built on.</summary>
    public const string StackLabel = "io.minipaas.stack";

    /// <summary>The port an app listens on unless the platform sets <c>PORT</c> when it starts it.</summary>
    public const int DefaultPort = 8080;

    private const string ImagePath = "/usr/share/dotnet:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly StagingOptions _options;
    private readonly RegistryClient _registry;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<IStack> _stacks;
    private readonly BlobLocations _stackLayerLocations;

    /// <summary>Creates a stager that pushes to <paramref name="registry"/>.</summary>
    /// <exception cref="ArgumentException">A setting in <paramref name="options"/> is invalid; the message names it.</exception>
    /// <exception cref="PlatformNotSupportedException">The host is not Linux on amd64 or arm64.</exception>
    public Stager(StagingOptions options, RegistryClient registry, ILogger<Stager>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        StagingOptionsValidator.Validate(options);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Staging copies the host's Linux userland into images and runs only on Linux.");
        }

        _ = OciDocuments.HostArchitecture();
        _options = options;
        _registry = registry;
        _logger = logger ?? NullLogger<Stager>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;

        _stackLayerLocations = new BlobLocations(options.CacheDirectory, registry.Authority);
        var layerSource = new StackLayerSource(new LayerCache(options.CacheDirectory), _logger);
        var baseLayer = new BusyboxBaseLayer(options.BusyboxPath);
        _stacks =
        [
            new DotnetStack(options, baseLayer, layerSource, new NativeLibraryPlanner(_logger), new DotnetPublisher(options, _logger, _timeProvider)),
            new BusyboxStack(baseLayer, layerSource),
        ];
    }

    /// <summary>
    /// Stages <paramref name="request"/> and pushes the image. Progress lines (meant for the person
    /// pushing the app) go to <paramref name="output"/>, which may be called from several threads
    /// during a build and should therefore be thread-safe and quick (e.g. write to a channel).
    /// </summary>
    /// <exception cref="StagingException">The app cannot be staged; the message says why.</exception>
    /// <exception cref="RegistryException">The registry refused or could not be reached.</exception>
    public async Task<StagedImage> StageAsync(StagingRequest request, IProgress<string> output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ValidateRequest(request);

        var started = _timeProvider.GetTimestamp();
        StagingLog.StagingStarted(_logger, request.AppName, request.SourceDirectory);
        var workDirectory = Path.Combine(_options.WorkDirectory, $"{request.AppName}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        try
        {
            var image = await StageInWorkDirectoryAsync(request, workDirectory, output, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            StagingLog.StagingCompleted(_logger, request.AppName, image.Repository, image.ManifestDigest, image.Stack, (long)elapsed.TotalMilliseconds);
            return image;
        }
        catch (Exception ex) when (ex is StagingException or RegistryException)
        {
            StagingLog.StagingFailed(_logger, request.AppName, ex);
            throw;
        }
        finally
        {
            TryDeleteDirectory(workDirectory);
        }
    }

    private async Task<StagedImage> StageInWorkDirectoryAsync(StagingRequest request, string workDirectory, IProgress<string> output, CancellationToken cancellationToken)
    {
        var repository = _options.RepositoryPrefix + request.AppName;
        output.Report($"-----> Staging {request.AppName}");
        var stack = SelectStack(request, output);
        StagingLog.StackDetected(_logger, request.AppName, stack.Name);

        var prepared = await stack.PrepareAppAsync(request, workDirectory, output, cancellationToken).ConfigureAwait(false);
        var command = request.Command ?? prepared.DefaultCommand
            ?? throw new StagingException($"App '{request.AppName}' has no start command: add a Procfile with a 'web:' line, a start.sh, or set a command.");

        var stackLayers = await stack.GetLayersAsync(output, cancellationToken).ConfigureAwait(false);
        var appPlan = AppLayerPlanner.Plan(prepared.AppDirectory, prepared.ForceExecutable, _options.MaxAppBytes, _options.MaxAppEntries);
        var appLayer = await LayerWriter.WriteAsync(appPlan, Path.Combine(workDirectory, "blobs"), cancellationToken).ConfigureAwait(false);
        output.Report($"-----> App layer {Digests.Short(appLayer.Digest)} ({Sizes.Format(appLayer.Size)}, {appPlan.Count} entries)");

        var layers = stackLayers.Select(layer => layer.Blob).Append(appLayer).ToList();
        var history = stackLayers.Select(layer => $"minipaas stack {stack.Name}: {layer.Name}").Append($"minipaas app {request.AppName}").ToList();
        var labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal)
        {
            [AppLabel] = request.AppName,
            [StackLabel] = stack.Name,
        };
        var environment = new List<string> { $"PATH={ImagePath}", $"PORT={DefaultPort}", $"HOME={ImageUsers.AppHome}" };
        environment.AddRange(stack.Environment.Select(variable => $"{variable.Key}={variable.Value}"));

        var config = OciDocuments.WriteConfig(new ImageConfigSpec(
            Architecture: OciDocuments.HostArchitecture(),
            Env: environment,
            Entrypoint: stack.Entrypoint,
            Cmd: [command],
            WorkingDir: "/" + AppLayerPlanner.AppRoot,
            User: $"{ImageUsers.AppUid}:{ImageUsers.AppGid}",
            Labels: labels,
            DiffIds: layers.Select(layer => layer.DiffId).ToList(),
            LayerHistory: history));
        var configDescriptor = new OciDescriptor(OciMediaTypes.Config, Digests.Of(config), config.Length);
        var manifest = OciDocuments.WriteManifest(
            configDescriptor,
            layers.Select(layer => new OciDescriptor(OciMediaTypes.GzipLayer, layer.Digest, layer.Size)).ToList(),
            new Dictionary<string, string>());

        foreach (var layer in stackLayers)
        {
            await PushBlobIfMissingAsync(repository, "layer", layer.Blob.Digest, layer.Blob.Size, () => File.OpenRead(layer.Blob.FilePath), shared: true, output, cancellationToken).ConfigureAwait(false);
        }

        await PushBlobIfMissingAsync(repository, "layer", appLayer.Digest, appLayer.Size, () => File.OpenRead(appLayer.FilePath), shared: false, output, cancellationToken).ConfigureAwait(false);
        await PushBlobIfMissingAsync(repository, "config", configDescriptor.Digest, config.Length, () => new MemoryStream(config, writable: false), shared: false, output, cancellationToken).ConfigureAwait(false);
        var manifestDigest = await _registry.PushManifestAsync(repository, Digests.Of(manifest), manifest, OciMediaTypes.Manifest, cancellationToken).ConfigureAwait(false);
        StagingLog.ManifestPushed(_logger, repository, manifestDigest);

        var image = new StagedImage
        {
            Repository = repository,
            ManifestDigest = manifestDigest,
            ImageReference = $"{_registry.Authority}/{repository}@{manifestDigest}",
            Size = manifest.Length + config.Length + layers.Sum(layer => layer.Size),
            Stack = stack.Name,
            Command = command,
            LayerDigests = layers.Select(layer => layer.Digest).ToList(),
        };
        output.Report($"-----> Start command: {command}");
        output.Report($"-----> Image {manifestDigest} ({Sizes.Format(image.Size)})");
        return image;
    }

    private IStack SelectStack(StagingRequest request, IProgress<string> output)
    {
        if (request.Stack is { } requested)
        {
            var stack = _stacks.FirstOrDefault(s => s.Name == requested)
                ?? throw new StagingException($"Unknown stack '{requested}' for app '{request.AppName}'; known stacks: {string.Join(", ", StackNames.All)}.");
            output.Report($"-----> Using stack {stack.Name}");
            return stack;
        }

        var detected = _stacks.FirstOrDefault(s => s.Detect(request.SourceDirectory));

        // An app that names its own command needs nothing but a shell to run it.
        detected ??= request.Command is not null ? _stacks.First(s => s.Name == StackNames.Busybox) : null;
        if (detected is null)
        {
            throw new StagingException(
                $"Could not detect a stack for app '{request.AppName}': add a Procfile or start.sh (busybox), a *.csproj or a published *.runtimeconfig.json (dotnet), or set a command or a stack.");
        }

        output.Report($"-----> Detected stack {detected.Name}");
        return detected;
    }

    // shared: stack layers, which many apps' repositories hold, may be mounted across repositories.
    private async Task PushBlobIfMissingAsync(string repository, string kind, string digest, long size, Func<Stream> open, bool shared, IProgress<string> output, CancellationToken cancellationToken)
    {
        // HEAD first: a warm stack's layers are already there, which is what makes restaging fast.
        if (await _registry.BlobExistsAsync(repository, digest, cancellationToken).ConfigureAwait(false))
        {
            StagingLog.BlobSkipped(_logger, repository, digest);
            output.Report($"-----> {char.ToUpperInvariant(kind[0])}{kind[1..]} {Digests.Short(digest)} already in registry");
            if (shared && _stackLayerLocations.Find(digest) is null)
            {
                _stackLayerLocations.Remember(digest, repository);
            }

            return;
        }

        if (shared && _stackLayerLocations.Find(digest) is { } source && source != repository
            && await _registry.MountBlobAsync(repository, digest, source, cancellationToken).ConfigureAwait(false))
        {
            StagingLog.BlobMounted(_logger, repository, digest, source);
            output.Report($"-----> {char.ToUpperInvariant(kind[0])}{kind[1..]} {Digests.Short(digest)} mounted from {source}");
            return;
        }

        output.Report($"-----> Uploading {kind} {digest} ({Sizes.Format(size)})");
        var content = open();
        await using (content.ConfigureAwait(false))
        {
            await _registry.PushBlobAsync(repository, digest, content, size, cancellationToken).ConfigureAwait(false);
        }

        StagingLog.BlobUploaded(_logger, repository, digest, size);
        if (shared)
        {
            _stackLayerLocations.Remember(digest, repository);
        }
    }

    private static void ValidateRequest(StagingRequest request)
    {
        if (string.IsNullOrEmpty(request.AppName) || !AppName().IsMatch(request.AppName))
        {
            throw new StagingException($"App name '{request.AppName}' cannot name an image repository: use lowercase letters and digits, separated by '.', '_' or '-'.");
        }

        if (!Directory.Exists(request.SourceDirectory))
        {
            throw new StagingException($"The source directory '{request.SourceDirectory}' of app '{request.AppName}' does not exist.");
        }

        if (request.Command is { } command && string.IsNullOrWhiteSpace(command))
        {
            throw new StagingException($"The command for app '{request.AppName}' is empty.");
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space only; a leftover does no harm and must not mask the staging result.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    [GeneratedRegex("^[a-z0-9]+([._-][a-z0-9]+)*$")]
    private static partial Regex AppName();
}
