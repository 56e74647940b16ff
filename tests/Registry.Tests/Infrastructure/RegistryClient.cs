using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>Thin protocol helpers over HttpClient for the steps tests repeat; each test still checks raw responses.</summary>
internal sealed class RegistryClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    /// <summary>Monolithic push (POST with ?digest=); asserts 201 and returns the digest.</summary>
    public async Task<string> PushBlobAsync(string repository, byte[] content)
    {
        var digest = TestContent.DigestOf(content);
        using var response = await http.PostAsync($"/v2/{repository}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    public async Task<HttpResponseMessage> PutManifestAsync(string repository, string reference, byte[] manifest, string mediaType = TestContent.OciManifest)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await http.PutAsync($"/v2/{repository}/manifests/{reference}", content);
    }

    /// <summary>Pushes a config, one layer and the manifest under <paramref name="tag"/>; returns the manifest's bytes.</summary>
    public async Task<byte[]> PushImageAsync(string repository, string tag)
    {
        var config = TestContent.Config();
        var layer = TestContent.RandomBytes(4096);
        await PushBlobAsync(repository, config);
        await PushBlobAsync(repository, layer);
        var manifest = TestContent.ImageManifest(config, layer);
        using var response = await PutManifestAsync(repository, tag, manifest);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return manifest;
    }

    public static async Task<RegistryError> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var first = document.RootElement.GetProperty("errors")[0];
        var detail = first.TryGetProperty("detail", out var d) ? d.GetRawText() : string.Empty;
        return new RegistryError(first.GetProperty("code").GetString()!, first.GetProperty("message").GetString()!, detail);
    }

    public void Dispose() => http.Dispose();
}
