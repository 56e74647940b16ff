using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPaas.Registry.Hosting;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>
/// The platform's own registry (src/Registry) on a free loopback port with a token, filled with
/// skopeo, so the agent pulls by digest with the credentials a scheduler hands out.
/// </summary>
internal sealed class TestRegistry : IAsyncDisposable
{
    private const string SkopeoBinary = "/usr/bin/skopeo";

    private readonly WebApplication _app;
    private readonly string _directory;

    private TestRegistry(WebApplication app, string directory, string address, string token)
    {
        _app = app;
        _directory = directory;
        Address = address;
        Token = token;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    public string Token { get; }

    public static async Task<TestRegistry> StartAsync(string token)
    {
        if (!File.Exists(SkopeoBinary))
        {
            throw new InvalidOperationException($"{SkopeoBinary} is missing: install Debian's skopeo.");
        }

        var directory = Directory.CreateTempSubdirectory("minipaas-agent-registry-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRegistry(options =>
        {
            options.DataDirectory = Path.Combine(directory, "data");
            options.Token = token;
        });
        var app = builder.Build();
        app.MapRegistry();
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new TestRegistry(app, directory, $"127.0.0.1:{bound.Port}", token);
    }

    /// <summary>Pushes a <c>docker save</c> archive as <paramref name="repository"/>:<paramref name="tag"/>; returns <c>address/repository@sha256:...</c>.</summary>
    public async Task<string> PushAsync(byte[] saveArchive, string repository, string tag)
    {
        var archivePath = Path.Combine(_directory, $"{Guid.NewGuid():N}.tar");
        var digestPath = archivePath + ".digest";
        await File.WriteAllBytesAsync(archivePath, saveArchive);
        var start = new ProcessStartInfo(
            SkopeoBinary,
            ["copy", "--insecure-policy", "--dest-tls-verify=false", "--dest-creds", $"minipaas:{Token}", "--digestfile", digestPath, $"docker-archive:{archivePath}", $"docker://{Address}/{repository}:{tag}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var skopeo = Process.Start(start) ?? throw new InvalidOperationException("Could not start skopeo.");
        var stdout = skopeo.StandardOutput.ReadToEndAsync();
        var stderr = skopeo.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await skopeo.WaitForExitAsync(timeout.Token);
        if (skopeo.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo copy failed ({skopeo.ExitCode}): {await stdout}{await stderr}");
        }

        var digest = (await File.ReadAllTextAsync(digestPath)).Trim();
        return $"{Address}/{repository}@{digest}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
