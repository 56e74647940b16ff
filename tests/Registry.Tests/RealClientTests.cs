using System.Net;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

/// <summary>
/// The registry against real clients: Debian's skopeo pushes, the machine's Docker engine pulls by digest and runs
/// the image. Both reach the registry over 127.0.0.1, which Docker treats as an insecure (plain HTTP) registry.
/// </summary>
public sealed class RealClientTests
{
    private const string SkopeoPath = "/usr/bin/skopeo";
    private static readonly TimeSpan SkopeoTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task SkopeoPushThenDockerPullByDigest_BusyboxImage_RunsAndPrintsHello()
    {
        using var temp = new TempDirectory();
        var token = Guid.NewGuid().ToString("N");
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = token);
        var layout = await OciImageLayout.CreateBusyboxAsync(temp.Sub("layout"), tag: "1");
        var digestFile = temp.Sub("pushed-digest");

        var push = await ProcessRunner.RunAsync(
            SkopeoPath,
            [
                "--insecure-policy", "copy",
                "--dest-tls-verify=false", "--dest-creds", $"x:{token}",
                "--digestfile", digestFile,
                layout.SkopeoReference, $"docker://{server.HostPort}/test/busybox:1",
            ],
            SkopeoTimeout,
            new Dictionary<string, string> { ["HOME"] = temp.Path, ["TMPDIR"] = temp.Path });
        Assert.True(push.ExitCode == 0, $"skopeo copy failed: {push}");
        var pushedDigest = (await File.ReadAllTextAsync(digestFile)).Trim();
        Assert.Equal(layout.ManifestDigest, pushedDigest);

        using (var client = server.CreateClient())
        {
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/test/busybox/manifests/1"));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(pushedDigest, Assert.Single(head.Headers.GetValues("Docker-Content-Digest")));
        }

        var docker = new DockerCli(temp.Sub("docker-config"));
        await docker.EnsureEngineAnswersAsync();
        var reference = $"{server.HostPort}/test/busybox@{pushedDigest}";
        var copyReference = $"{server.HostPort}/test/busybox-copy:1";
        try
        {
            var login = await docker.RunAsync(["login", server.HostPort, "-u", "x", "--password-stdin"], standardInput: token);
            Assert.True(login.ExitCode == 0, $"docker login failed: {login}");

            var pull = await docker.RunAsync(["pull", reference]);
            Assert.True(pull.ExitCode == 0, $"docker pull failed: {pull}");
            Assert.Contains(pushedDigest, pull.StandardOutput, StringComparison.Ordinal);

            var run = await docker.RunAsync(
            [
                "run", "--rm", "--network", "host",
                "--label", $"{OciImageLayout.TestLabel}={OciImageLayout.TestLabelValue}",
                reference, "busybox", "echo", "hello",
            ]);
            Assert.True(run.ExitCode == 0, $"docker run failed: {run}");
            Assert.Equal("hello", run.StandardOutput.Trim());

            // The engine as a pushing client too: it re-pushes under another name, mounting the layer it pulled.
            var tag = await docker.RunAsync(["tag", reference, copyReference]);
            Assert.True(tag.ExitCode == 0, $"docker tag failed: {tag}");
            var dockerPush = await docker.RunAsync(["push", copyReference]);
            Assert.True(dockerPush.ExitCode == 0, $"docker push failed: {dockerPush}");
        }
        finally
        {
            // Only the images this test created, by their references; missing ones are simply not there to remove.
            await docker.RunAsync(["image", "rm", "--force", copyReference]);
            await docker.RunAsync(["image", "rm", "--force", reference]);
        }

        using (var client = server.CreateClient())
        {
            using var copied = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/test/busybox-copy/manifests/1"));
            Assert.Equal(HttpStatusCode.OK, copied.StatusCode);
            Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 12 && e.Message.Contains("test/busybox-copy", StringComparison.Ordinal));
        }

        var listed = await docker.RunAsync(["image", "ls", "--quiet", "--filter", $"reference={server.HostPort}/test/busybox"]);
        Assert.Equal(string.Empty, listed.StandardOutput.Trim());
    }

    [Fact]
    public async Task SkopeoPush_WrongToken_FailsAndStoresNoManifest()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = "right-token");
        var layout = await OciImageLayout.CreateBusyboxAsync(temp.Sub("layout"), tag: "1");

        var push = await ProcessRunner.RunAsync(
            SkopeoPath,
            [
                "--insecure-policy", "copy",
                "--dest-tls-verify=false", "--dest-creds", "x:wrong-token",
                layout.SkopeoReference, $"docker://{server.HostPort}/test/busybox:1",
            ],
            SkopeoTimeout,
            new Dictionary<string, string> { ["HOME"] = temp.Path, ["TMPDIR"] = temp.Path });

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("unauthorized", push.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "repositories", "test")));
    }
}
