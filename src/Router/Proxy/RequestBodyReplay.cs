using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace MiniPaas.Router.Proxy;

/// <summary>
/// Makes a request body safe to send twice when that is cheap: small bodies (by Content-Length) are buffered
/// in memory and rewound before each attempt; other bodies are streamed and can only be re-sent while untouched.
/// </summary>
internal sealed class RequestBodyReplay
{
    private readonly HttpRequest _request;
    private readonly ReadTrackingStream? _streamed;
    private readonly bool _buffered;

    private RequestBodyReplay(HttpRequest request, bool buffered, ReadTrackingStream? streamed)
    {
        _request = request;
        _buffered = buffered;
        _streamed = streamed;
    }

    /// <summary>Whether the next attempt can send the same body bytes again.</summary>
    public bool CanReplay => _streamed is null || !_streamed.Touched;

    /// <summary>Whether the body was read into memory up front.</summary>
    public bool Buffered => _buffered;

    /// <summary>Prepares <paramref name="context"/>'s body: buffers it if it has at most <paramref name="maxBufferedBytes"/> bytes.</summary>
    public static async Task<RequestBodyReplay> PrepareAsync(HttpContext context, int maxBufferedBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return new RequestBodyReplay(request, buffered: false, streamed: null);
        }

        if (request.ContentLength is { } length && length <= maxBufferedBytes)
        {
            request.EnableBuffering(bufferThreshold: maxBufferedBytes + 1, bufferLimit: maxBufferedBytes);
            await request.Body.DrainAsync(cancellationToken);
            request.Body.Position = 0;
            return new RequestBodyReplay(request, buffered: true, streamed: null);
        }

        var tracking = new ReadTrackingStream(request.Body);
        request.Body = tracking;
        return new RequestBodyReplay(request, buffered: false, streamed: tracking);
    }

    /// <summary>Rewinds a buffered body before the next attempt.</summary>
    public void Rewind()
    {
        if (_buffered)
        {
            _request.Body.Position = 0;
        }
    }
}
