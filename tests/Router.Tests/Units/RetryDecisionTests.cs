using System.Text;
using Microsoft.AspNetCore.Http.Features;
using MiniPaas.Router.Proxy;

namespace MiniPaas.Router.Tests.Units;

public sealed class RetryDecisionTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    public void IsIdempotent_Method_FollowsHttpSemantics(string method, bool expected)
    {
        Assert.Equal(expected, ForwardingRetryMiddleware.IsIdempotent(method));
    }

    [Fact]
    public async Task MayResend_BufferedPostAfterConnectFailure_IsAllowedAndBodyRewinds()
    {
        var context = ContextWithBody("POST", "hello", contentLength: true);
        var replay = await RequestBodyReplay.PrepareAsync(context, maxBufferedBytes: 1024, CancellationToken.None);
        var firstRead = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync();

        replay.Rewind();
        var secondRead = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync();

        Assert.True(replay.Buffered);
        Assert.True(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.ConnectFailed, "POST", replay));
        Assert.False(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.FailedBeforeResponse, "POST", replay));
        Assert.Equal("hello", firstRead);
        Assert.Equal("hello", secondRead);
    }

    [Fact]
    public async Task MayResend_StreamedBody_OnlyWhileUntouched()
    {
        var context = ContextWithBody("PUT", "large-or-chunked", contentLength: false);
        var replay = await RequestBodyReplay.PrepareAsync(context, maxBufferedBytes: 1024, CancellationToken.None);
        var before = ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.ConnectFailed, "PUT", replay);

        var buffer = new byte[4];
        _ = await context.Request.Body.ReadAsync(buffer);

        Assert.False(replay.Buffered);
        Assert.True(before);
        Assert.False(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.ConnectFailed, "PUT", replay));
        Assert.False(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.FailedBeforeResponse, "PUT", replay));
    }

    [Fact]
    public async Task MayResend_BodyLargerThanLimit_IsStreamedNotBuffered()
    {
        var context = ContextWithBody("POST", new string('x', 2048), contentLength: true);

        var replay = await RequestBodyReplay.PrepareAsync(context, maxBufferedBytes: 1024, CancellationToken.None);

        Assert.False(replay.Buffered);
        Assert.True(replay.CanReplay);
    }

    [Fact]
    public async Task MayResend_BodylessGet_AfterFailureBeforeResponse_IsAllowed()
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Features.Set<IHttpRequestBodyDetectionFeature>(new NoBody());

        var replay = await RequestBodyReplay.PrepareAsync(context, maxBufferedBytes: 1024, CancellationToken.None);

        Assert.True(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.FailedBeforeResponse, "GET", replay));
        Assert.False(ForwardingRetryMiddleware.MayResend(UpstreamFailureKind.NotRetriable, "GET", replay));
    }

    private static DefaultHttpContext ContextWithBody(string method, string body, bool contentLength)
    {
        var context = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Request.Method = method;
        context.Request.Body = new MemoryStream(bytes);
        if (contentLength)
        {
            context.Request.ContentLength = bytes.Length;
        }

        return context;
    }

    private sealed class NoBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => false;
    }
}
