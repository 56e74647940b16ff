using System.Net.Http;
using System.Net.Sockets;
using MiniPaas.Router.Proxy;
using Yarp.ReverseProxy.Forwarder;

namespace MiniPaas.Router.Tests.Units;

public sealed class UpstreamFailureClassifierTests
{
    public static TheoryData<ForwarderError, Exception?, string> Cases => new()
    {
        { ForwarderError.None, null, nameof(UpstreamFailureKind.None) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused)), nameof(UpstreamFailureKind.ConnectFailed) },
        { ForwarderError.Request, new HttpRequestException("wrapped", new SocketException((int)SocketError.ConnectionRefused)), nameof(UpstreamFailureKind.ConnectFailed) },
        { ForwarderError.Request, new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."), nameof(UpstreamFailureKind.FailedBeforeResponse) },
        { ForwarderError.Request, new IOException("reset", new SocketException((int)SocketError.ConnectionReset)), nameof(UpstreamFailureKind.FailedBeforeResponse) },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("connect", new TimeoutException("A connection could not be established within the configured ConnectTimeout.")), nameof(UpstreamFailureKind.ConnectFailed) },
        { ForwarderError.RequestTimedOut, new TaskCanceledException("activity timeout"), nameof(UpstreamFailureKind.NotRetriable) },
        { ForwarderError.ResponseBodyDestination, new IOException("broken"), nameof(UpstreamFailureKind.FailedBeforeResponse) },
        { ForwarderError.ResponseBodyClient, new IOException("client gone"), nameof(UpstreamFailureKind.NotRetriable) },
        { ForwarderError.RequestCreation, new InvalidOperationException("transform"), nameof(UpstreamFailureKind.NotRetriable) },
        { ForwarderError.RequestBodyClient, new IOException("client body"), nameof(UpstreamFailureKind.NotRetriable) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_ForwarderError_GivesRetryKind(ForwarderError error, Exception? exception, string expected)
    {
        Assert.Equal(expected, UpstreamFailureClassifier.Classify(error, exception).ToString());
    }
}
