using Microsoft.Extensions.Logging;
using MiniPaas.Staging.Layers;

namespace MiniPaas.Staging.Stacks;

/// <summary>
/// The dotnet stack runs a .NET web app on the host's own shared runtime: busybox for a shell,
/// the native libraries the runtime links or opens, and the runtime itself under
/// <c>/usr/share/dotnet</c>. A published app (<c>*.runtimeconfig.json</c>) is used as is; a source
/// app (<c>*.csproj</c>) is published first.
/// </summary>
internal sealed class DotnetStack(
    StagingOptions options,
    BusyboxBaseLayer baseLayer,
    StackLayerSource layers,
    NativeLibraryPlanner nativeLibraries,
    DotnetPublisher publisher) : IStack
{
    public const string ImageDotnetRoot = "/usr/share/dotnet";
    private const string RuntimeConfigSuffix = ".runtimeconfig.json";
    private const string NativeLayerName = "dotnet native libraries";
    private const string RuntimeLayerName = "dotnet runtime";

    // The frameworks a web app needs; the SDK, packs and templates stay on the host.
    private static readonly string[] SharedFrameworks = ["Microsoft.NETCore.App", "Microsoft.AspNetCore.App"];

    private readonly SemaphoreSlim _planLock = new(1, 1);
    private (LayerContents Native, LayerContents Runtime)? _plans;

    public string Name => StackNames.Dotnet;

    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; } =
    [
        new("DOTNET_ROOT", ImageDotnetRoot),
        new("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1"),
        new("DOTNET_CLI_TELEMETRY_OPTOUT", "1"),
        new("DOTNET_NOLOGO", "1"),
    ];

    /// <summary>
    /// Any ASP.NET Core app listens on the platform's $PORT unless it sets its own URLs: the
    /// port is only known when the instance starts, so it cannot be baked into the config's Env.
    /// </summary>
    public IReadOnlyList<string> Entrypoint { get; } =
    [
        "/bin/sh", "-c", "export ASPNETCORE_URLS=\"${ASPNETCORE_URLS:-http://${HOST:-0.0.0.0}:${PORT}}\"; exec /bin/sh -c \"$0\"",
    ];

    public bool Detect(string sourceDirectory) =>
        Directory.EnumerateFiles(sourceDirectory, "*" + RuntimeConfigSuffix).Any()
        || Directory.EnumerateFiles(sourceDirectory, "*.csproj").Any();

    public async Task<IReadOnlyList<StackLayer>> GetLayersAsync(IProgress<string> output, CancellationToken cancellationToken)
    {
        var basePlan = await baseLayer.PlanAsync(cancellationToken).ConfigureAwait(false);
        var (nativePlan, runtimePlan) = await PlanAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            await layers.GetAsync(BusyboxBaseLayer.LayerName, basePlan, output, cancellationToken).ConfigureAwait(false),
            await layers.GetAsync(NativeLayerName, nativePlan, output, cancellationToken).ConfigureAwait(false),
            await layers.GetAsync(RuntimeLayerName, runtimePlan, output, cancellationToken).ConfigureAwait(false),
        ];
    }

    public async Task<PreparedApp> PrepareAppAsync(StagingRequest request, string workDirectory, IProgress<string> output, CancellationToken cancellationToken)
    {
        var appDirectory = request.SourceDirectory;
        if (FindEntryAssembly(appDirectory) is null)
        {
            var projects = Directory.GetFiles(appDirectory, "*.csproj").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            if (projects.Count == 0)
            {
                throw new StagingException($"App '{request.AppName}' has neither a published app (*{RuntimeConfigSuffix}) nor a project (*.csproj) at its top level.");
            }

            if (projects.Count > 1)
            {
                throw new StagingException($"App '{request.AppName}' has several projects at its top level ({string.Join(", ", projects)}); push a directory with exactly one.");
            }

            // Publish from a copy: the build writes bin/ and obj/, and the source must stay as uploaded.
            var sourceCopy = Path.Combine(workDirectory, "source");
            CopyTree(appDirectory, sourceCopy, topLevel: true);
            appDirectory = Path.Combine(workDirectory, "publish");
            output.Report($"-----> Publishing {projects[0]} (dotnet publish -c Release)");
            await publisher.PublishAsync(Path.Combine(sourceCopy, projects[0]!), appDirectory, request.Environment, output, cancellationToken).ConfigureAwait(false);
        }

        var entryAssembly = FindEntryAssembly(appDirectory)
            ?? throw new StagingException($"dotnet publish of app '{request.AppName}' produced no *{RuntimeConfigSuffix}; is the project an executable (OutputType Exe or a web SDK project)?");
        return new PreparedApp(appDirectory, $"dotnet /app/{entryAssembly}", new HashSet<string>());
    }

    /// <summary>The app's main assembly, named after its single <c>*.runtimeconfig.json</c>.</summary>
    private static string? FindEntryAssembly(string directory)
    {
        var configs = Directory.GetFiles(directory, "*" + RuntimeConfigSuffix).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        if (configs.Count == 0)
        {
            return null;
        }

        var withAssembly = configs
            .Select(config => config[..^RuntimeConfigSuffix.Length] + ".dll")
            .Where(assembly => File.Exists(Path.Combine(directory, assembly)))
            .ToList();
        return withAssembly.Count switch
        {
            1 => withAssembly[0],
            0 => throw new StagingException($"'{configs[0]}' has no matching assembly next to it; push the whole publish output."),
            _ => throw new StagingException($"The app has several entry assemblies ({string.Join(", ", withAssembly)}); set a command naming the one to run."),
        };
    }

    private async Task<(LayerContents Native, LayerContents Runtime)> PlanAsync(CancellationToken cancellationToken)
    {
        await _planLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_plans is { } plans)
            {
                return plans;
            }

            var root = Path.GetFullPath(options.DotnetRoot);
            var host = Path.Combine(root, "dotnet");
            if (!File.Exists(host))
            {
                throw new StagingException($"The .NET host was not found at '{host}' (StagingOptions.DotnetRoot).");
            }

            var imageRoot = ImageDotnetRoot.TrimStart('/');
            var runtime = new LayerContents();
            runtime.AddFile(imageRoot + "/dotnet", host, LayerEntry.ExecutableMode);
            foreach (var notice in new[] { "LICENSE.txt", "ThirdPartyNotices.txt" })
            {
                if (File.Exists(Path.Combine(root, notice)))
                {
                    runtime.AddFile(imageRoot + "/" + notice, Path.Combine(root, notice), LayerEntry.ReadableMode);
                }
            }

            var fxr = Path.Combine(root, "host", "fxr");
            if (!Directory.Exists(fxr))
            {
                throw new StagingException($"'{fxr}' is missing; the .NET install at StagingOptions.DotnetRoot is incomplete.");
            }

            HostFiles.AddTree(runtime, fxr, imageRoot + "/host/fxr");
            foreach (var framework in SharedFrameworks)
            {
                var frameworkDirectory = Path.Combine(root, "shared", framework);
                if (!Directory.Exists(frameworkDirectory))
                {
                    throw new StagingException($"The host has no {framework} runtime under '{frameworkDirectory}'.");
                }

                HostFiles.AddTree(runtime, frameworkDirectory, $"{imageRoot}/shared/{framework}");
            }

            var elfFiles = new List<string> { host };
            elfFiles.AddRange(Directory.EnumerateFiles(fxr, "*.so", SearchOption.AllDirectories));
            elfFiles.AddRange(SharedFrameworks.SelectMany(framework =>
                Directory.EnumerateFiles(Path.Combine(root, "shared", framework), "*.so", SearchOption.AllDirectories)));
            var native = await nativeLibraries.PlanAsync(elfFiles.Order(StringComparer.Ordinal), root, cancellationToken).ConfigureAwait(false);

            _plans = (native, runtime);
            return (native, runtime);
        }
        finally
        {
            _planLock.Release();
        }
    }

    private static void CopyTree(string source, string destination, bool topLevel)
    {
        Directory.CreateDirectory(destination);
        foreach (var info in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, info.Name);
            if (info.LinkTarget is not null)
            {
                File.CreateSymbolicLink(target, info.LinkTarget);
            }
            else if (info is DirectoryInfo directory)
            {
                // Build leftovers from the developer's machine would confuse the publish.
                if (topLevel && info.Name is ("bin" or "obj"))
                {
                    continue;
                }

                CopyTree(directory.FullName, target, topLevel: false);
            }
            else
            {
                File.Copy(info.FullName, target);
            }
        }
    }
}
