using Microsoft.Extensions.Logging;
using MiniPaas.Staging.Layers;
using MiniPaas.Staging.Logging;
using MiniPaas.Staging.Processes;

namespace MiniPaas.Staging.Stacks;

/// <summary>
/// Finds the host's shared libraries a set of ELF files needs (glibc's loader and libs,
/// libstdc++, libgcc_s, ...) by asking <c>ldd</c>, plus the libraries .NET opens at run time
/// without linking them (OpenSSL, zlib), and plans a layer holding them at their host paths.
/// </summary>
internal sealed class NativeLibraryPlanner(ILogger logger)
{
    // Opened with dlopen by System.Security.Cryptography.Native and System.IO.Compression.Native,
    // so ldd never lists them; added when the host has them.
    private static readonly string[] RunTimeOpenedLibraries = ["libssl.so.3", "libcrypto.so.3", "libz.so.1"];

    // Tracing provider coreclr loads only if present; hosts without LTTng lack it and lose nothing.
    private const string OptionalTracingLibrary = "liblttng-ust.so";

    public async Task<LayerContents> PlanAsync(IEnumerable<string> elfFiles, string excludedTree, CancellationToken cancellationToken)
    {
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in elfFiles)
        {
            await AddDependenciesAsync(file, excludedTree, libraries, cancellationToken).ConfigureAwait(false);
        }

        var searchDirectories = libraries.Select(Path.GetDirectoryName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var soname in RunTimeOpenedLibraries)
        {
            var found = searchDirectories.Select(directory => Path.Combine(directory, soname)).FirstOrDefault(File.Exists);
            if (found is not null && libraries.Add(found))
            {
                await AddDependenciesAsync(found, excludedTree, libraries, cancellationToken).ConfigureAwait(false);
            }
        }

        var contents = new LayerContents();
        foreach (var library in libraries)
        {
            HostFiles.AddPath(contents, library);
        }

        // Lets the runtime verify TLS peers; without it every outgoing HTTPS call fails.
        const string CaBundle = "/etc/ssl/certs/ca-certificates.crt";
        if (File.Exists(CaBundle))
        {
            HostFiles.AddPath(contents, CaBundle);
        }

        return contents;
    }

    private async Task AddDependenciesAsync(string elfFile, string excludedTree, SortedSet<string> libraries, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.CaptureAsync("ldd", [elfFile], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            // "not a dynamic executable": nothing to copy for it.
            return;
        }

        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            string candidate;
            if (arrow >= 0)
            {
                var right = line[(arrow + 2)..].Trim();
                if (right.StartsWith("not found", StringComparison.Ordinal))
                {
                    var missing = line[..arrow].Trim();
                    if (!missing.StartsWith(OptionalTracingLibrary, StringComparison.Ordinal))
                    {
                        StagingLog.NativeLibraryMissing(logger, elfFile, missing);
                    }

                    continue;
                }

                candidate = right;
            }
            else
            {
                // The loader line ("/lib64/ld-linux-x86-64.so.2 (0x...)") has no arrow.
                candidate = line;
            }

            var space = candidate.IndexOf(" (", StringComparison.Ordinal);
            var path = space >= 0 ? candidate[..space] : candidate;
            if (path.StartsWith('/') && !path.StartsWith(excludedTree, StringComparison.Ordinal))
            {
                libraries.Add(path);
            }
        }
    }
}
