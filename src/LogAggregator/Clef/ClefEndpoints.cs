using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.LogAggregator.Ingest;

namespace MiniPaas.LogAggregator.Clef;

/// <summary>
/// ClefEndpoints accepts structured events in Seq's ingestion format, so apps using Serilog's Seq
/// sink (or any CLEF producer) ship to MiniPaas: <c>POST /api/events/raw?clef</c> (Seq's classic
/// endpoint) and <c>POST /ingest/clef</c>. Replies: 201 with <c>{"MinimumLevelAccepted":null,...}</c>;
/// 400 naming the first bad line, with nothing of the request stored; 401 without a valid token;
/// 413 for a body over MaxClefRequestBytes; 415 for a non-CLEF body on the classic endpoint.
/// </summary>
internal static class ClefEndpoints
{
    public const string ClefContentType = "application/vnd.serilog.clef";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/events/raw", (Delegate)((HttpContext context) => HandleAsync(context, requireClefMarker: true)));
        endpoints.MapPost("/ingest/clef", (Delegate)((HttpContext context) => HandleAsync(context, requireClefMarker: false)));
    }

    private static async Task<IResult> HandleAsync(HttpContext context, bool requireClefMarker)
    {
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<ClefParser>>();
        var peer = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (services.GetRequiredService<RequestAuthorizer>().CheckHttp(context) is { } authProblem)
        {
            return Error(StatusCodes.Status401Unauthorized, authProblem);
        }

        var request = context.Request;
        var isClef = request.Query.ContainsKey("clef")
            || (request.ContentType?.StartsWith(ClefContentType, StringComparison.OrdinalIgnoreCase) ?? false);
        if (requireClefMarker && !isClef)
        {
            return Error(StatusCodes.Status415UnsupportedMediaType, $"only CLEF is accepted here: add ?clef to the URL or send Content-Type: {ClefContentType}");
        }

        var options = services.GetRequiredService<IOptions<LogAggregatorOptions>>().Value;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = options.MaxClefRequestBytes;
        }

        if (request.ContentLength > options.MaxClefRequestBytes)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"request body of {request.ContentLength} bytes is larger than the {options.MaxClefRequestBytes} allowed (MaxClefRequestBytes)");
        }

        ClefBatch batch;
        try
        {
            batch = await services.GetRequiredService<ClefParser>().ParseAsync(
                request.Body, request.Query["app"].ToString(), request.Query["instance"].ToString(), context.RequestAborted);
        }
        catch (BadHttpRequestException error) when (error.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"request body is larger than the {options.MaxClefRequestBytes} bytes allowed (MaxClefRequestBytes)");
        }

        if (batch.Error is not null)
        {
            AggregatorLog.ClefRejected(logger, peer, batch.Error);
            return Error(StatusCodes.Status400BadRequest, batch.Error + "; nothing of this request was stored");
        }

        IngestCounts counts;
        try
        {
            counts = services.GetRequiredService<IngestPipeline>().Ingest(batch.Lines);
        }
        catch (IOException error)
        {
            AggregatorLog.AppendFailed(logger, batch.Lines[0].App, error);
            return Error(StatusCodes.Status503ServiceUnavailable, $"the log store could not write: {error.Message}");
        }

        return Results.Json(
            new Dictionary<string, object?>
            {
                ["MinimumLevelAccepted"] = null,
                ["Accepted"] = counts.Accepted,
                ["RateLimited"] = counts.RateLimited,
                ["Truncated"] = batch.Truncated,
            },
            statusCode: StatusCodes.Status201Created);
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["Error"] = message }, statusCode: status);
}
