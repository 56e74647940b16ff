using System.Net;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>Status assertions that show the broker's error body when they fail.</summary>
internal static class ReplyAssert
{
    public static async Task<OsbReply> StatusAsync(HttpStatusCode expected, Task<OsbReply> call)
    {
        var reply = await call;
        Assert.True(reply.Status == expected, $"expected {(int)expected} {expected}, got {reply}");
        return reply;
    }
}
