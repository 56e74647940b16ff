using System.Security.Cryptography;
using Google.Protobuf;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class UploadApiTests : ApiTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MiniPaas:MaxUploadBytes"] = "100000" };

    private string PackagesDirectory => Path.Combine(Data.Path, "packages");

    [Fact]
    public async Task UploadPackage_WholeArchive_StoredUnderItsSha256()
    {
        var bytes = RandomNumberGenerator.GetBytes(70_000);

        var reply = await UploadAsync(Admin, "web", bytes.Length, bytes, chunkSize: 16_384);

        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), reply.PackageId);
        Assert.Equal(bytes.Length, reply.Size);
        var stored = Assert.Single(Directory.GetFiles(PackagesDirectory));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task UploadPackage_HeaderOverLimit_ResourceExhaustedBeforeAnyData()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(Admin, "web", 100_001, new byte[10]));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("MaxUploadBytes", error.Detail, StringComparison.Ordinal);
        Assert.False(Directory.Exists(PackagesDirectory) && Directory.EnumerateFiles(PackagesDirectory).Any());
    }

    [Fact]
    public async Task UploadPackage_MoreDataThanHeaderSays_InvalidArgumentAndTempFileRemoved()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(Admin, "web", 1000, new byte[5000], chunkSize: 1000));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("more than the 1000 bytes", error.Detail, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(PackagesDirectory));
    }

    [Fact]
    public async Task UploadPackage_ShortUpload_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(Admin, "web", 1000, new byte[10]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("after 10 of the 1000 bytes", error.Detail, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(PackagesDirectory));
    }

    [Fact]
    public async Task UploadPackage_InvalidAppName_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => UploadAsync(Admin, "Web!", 10, new byte[10]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("'Web!'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_UnknownPackage_NotFound()
    {
        using var call = Admin.ServerStreaming(Methods.Deploy, new DeployRequest { App = "web", PackageId = "sha256:" + new string('0', 64) }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.GetAsyncEnumerator().MoveNextAsync());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Contains("upload it first", error.Detail, StringComparison.Ordinal);
    }

    internal static async Task<UploadReply> UploadAsync(RpcChannel channel, string app, long declaredSize, byte[] bytes, int chunkSize = 65_536)
    {
        using var call = channel.ClientStreaming(Methods.UploadPackage, Deadline(60));
        try
        {
            await call.RequestStream.WriteAsync(new UploadChunk { Header = new UploadHeader { App = app, Size = declaredSize } });
            for (var offset = 0; offset < bytes.Length; offset += chunkSize)
            {
                var length = Math.Min(chunkSize, bytes.Length - offset);
                await call.RequestStream.WriteAsync(new UploadChunk { Data = ByteString.CopyFrom(bytes, offset, length) });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception)
        {
            // The server may end the call early (e.g. limit exceeded): the write then fails with a
            // reset (seen as Cancelled or Unavailable), and the server's real status is in the response.
        }

        return await call.ResponseAsync;
    }
}
