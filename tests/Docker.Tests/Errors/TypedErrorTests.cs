using System.Net;
using MiniPaas.Docker.Tests.Fixtures;

namespace MiniPaas.Docker.Tests.Errors;

[Collection(DockerEngineCollection.Name)]
public sealed class TypedErrorTests(DockerEngineFixture engine)
{
    private string MissingContainer => $"minipaas-test-{engine.RunId}-does-not-exist";

    [Fact]
    public async Task InspectContainerAsync_MissingContainer_ReturnsNull()
    {
        Assert.Null(await engine.Client.InspectContainerAsync(MissingContainer));
    }

    [Fact]
    public async Task InspectImageAsync_MissingImage_ReturnsNull()
    {
        Assert.Null(await engine.Client.InspectImageAsync($"minipaas-test/does-not-exist:{engine.RunId}"));
    }

    [Fact]
    public async Task StartContainerAsync_MissingContainer_ThrowsNotFoundWithEngineMessage()
    {
        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => engine.Client.StartContainerAsync(MissingContainer));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("No such container", error.Message);
        Assert.Contains(MissingContainer, error.Message);
    }

    [Fact]
    public async Task WaitContainerAsync_MissingContainer_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<DockerNotFoundException>(() => engine.Client.WaitContainerAsync(MissingContainer));
    }

    [Fact]
    public async Task ReadLogsAsync_MissingContainer_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<DockerNotFoundException>(async () =>
        {
            await foreach (var _ in engine.Client.ReadLogsAsync(MissingContainer, new LogsOptions()))
            {
            }
        });
    }

    [Fact]
    public async Task RemoveContainerAsync_RunningWithoutForce_ThrowsConflictAndForceRemoves()
    {
        var id = await engine.RunShellAsync("remove-running", "while true; do sleep 1; done");

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => engine.Client.RemoveContainerAsync(id, force: false));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Contains("running container", error.Message);
        Assert.True((await engine.Client.InspectContainerAsync(id))?.State.Running);

        await engine.Client.RemoveContainerAsync(id, force: true);
        Assert.Null(await engine.Client.InspectContainerAsync(id));
    }

    [Fact]
    public async Task CreateContainerAsync_NameTaken_ThrowsConflict()
    {
        var request = engine.ShellContainer("name-taken", "true");
        await engine.Client.CreateContainerAsync(request);

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => engine.Client.CreateContainerAsync(request));

        Assert.Contains(request.Name!, error.Message);
    }

    [Fact]
    public async Task CreateContainerAsync_ImageMissing_ThrowsNotFoundNamingImage()
    {
        var request = engine.ShellContainer("image-missing", "true");
        request.Image = $"minipaas-test/no-such-image:{engine.RunId}";

        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => engine.Client.CreateContainerAsync(request));

        Assert.Contains("minipaas-test/no-such-image", error.Message);
    }

    [Fact]
    public async Task KillContainerAsync_NotRunning_ThrowsConflict()
    {
        var id = await engine.Client.CreateContainerAsync(engine.ShellContainer("kill-created", "true"));

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => engine.Client.KillContainerAsync(id));

        Assert.Contains("not running", error.Message);
    }

    [Fact]
    public async Task RemoveImageAsync_MissingImage_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<DockerNotFoundException>(() => engine.Client.RemoveImageAsync($"minipaas-test/does-not-exist:{engine.RunId}"));
    }

    [Fact]
    public async Task PullImageAsync_RegistryRefusesConnections_ThrowsWithEngineMessage()
    {
        var image = $"127.0.0.1:1/minipaas-test/nothing:{engine.RunId}";

        var error = await Assert.ThrowsAsync<DockerApiException>(() => engine.Client.PullImageAsync(image));

        Assert.Contains("127.0.0.1:1", error.Message);
        Assert.Contains("connection refused", error.Message);
    }
}
