using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

/// <summary>The registry as its own process, the way the control plane may run it: options from the command line.</summary>
public sealed partial class ProgramProcessTests
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_UrlsAndTokenOnCommandLine_ListensThereAndRequiresToken()
    {
        using var temp = new TempDirectory();
        using var process = StartRegistry(temp, "--urls", "http://127.0.0.1:0", "--Registry:DataDirectory", temp.Sub("data"), "--Registry:Token", "cli-token");
        try
        {
            var address = await WaitForListeningAddressAsync(process);
            using var client = new HttpClient { BaseAddress = address };

            using var anonymous = await client.GetAsync("/v2/");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cli-token");
            using var authorized = await client.GetAsync("/v2/");

            Assert.Equal("127.0.0.1", address.Host);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
            Assert.True(Directory.Exists(Path.Combine(temp.Sub("data"), "blobs")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Main_InvalidMaxUploadBytes_ExitsWithMessageNamingTheSetting()
    {
        using var temp = new TempDirectory();
        using var process = StartRegistry(temp, "--urls", "http://127.0.0.1:0", "--Registry:MaxUploadBytes", "0");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        using var deadline = new CancellationTokenSource(StartupDeadline);
        await process.WaitForExitAsync(deadline.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("Registry:MaxUploadBytes must be greater than 0", await output + await error, StringComparison.Ordinal);
    }

    private static Process StartRegistry(TempDirectory temp, params string[] arguments)
    {
        var assembly = Path.Combine(AppContext.BaseDirectory, "MiniPaas.Registry.dll");
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Only what the test passes counts, not an ASPNETCORE_URLS the CI might have set.
        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the registry process");
    }

    private static async Task<Uri> WaitForListeningAddressAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(StartupDeadline);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            seen.Add(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                // Keep draining stdout so the process never blocks on a full pipe.
                _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return new Uri(match.Groups["address"].Value);
            }
        }

        throw new InvalidOperationException($"registry exited before listening:\n{string.Join('\n', seen)}\n{await process.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://\S+)")]
    private static partial Regex ListeningLine();
}
