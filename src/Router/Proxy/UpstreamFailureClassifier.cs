using System.Net.Http;
using System.Net.Sockets;
using Yarp.ReverseProxy.Forwarder;

namespace MiniPaas.Router.Proxy;

/// <summary>Classifies YARP forwarding errors for the retry and passive-health decisions.</summary>
internal static class UpstreamFailureClassifier
{
    public static UpstreamFailureKind Classify(ForwarderError error, Exception? exception)
    {
        switch (error)
        {
            case ForwarderError.None:
                return UpstreamFailureKind.None;
            case ForwarderError.Request:
                return IsConnectFailure(exception) ? UpstreamFailureKind.ConnectFailed : UpstreamFailureKind.FailedBeforeResponse;
            case ForwarderError.RequestTimedOut when HasConnectTimeout(exception):
                // SocketsHttpHandler reports ConnectTimeout as a cancellation wrapping a TimeoutException.
                return UpstreamFailureKind.ConnectFailed;
            case ForwarderError.ResponseBodyDestination:
                // The instance died while its body was being read; safe to resend only if the client saw nothing (checked by the caller).
                return UpstreamFailureKind.FailedBeforeResponse;
            default:
                return UpstreamFailureKind.NotRetriable;
        }
    }

    /// <summary>Whether <paramref name="exception"/> says the connection was never established.</summary>
    internal static bool IsConnectFailure(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }:
                    return true;
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.AddressNotAvailable
                    or SocketError.HostNotFound or SocketError.TimedOut:
                    return true;
            }
        }

        return false;
    }

    private static bool HasConnectTimeout(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
