using Microsoft.AspNetCore.Http.Features;
using MiniPaas.Registry.Auth;
using MiniPaas.Registry.Blobs;
using MiniPaas.Registry.Catalog;
using MiniPaas.Registry.Manifests;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Tags;
using MiniPaas.Registry.Uploads;

namespace MiniPaas.Registry.Hosting;

/// <summary>
/// The single entry point of <c>/v2/...</c>: authenticates, parses the path, calls the feature endpoint and turns
/// <see cref="RegistryException"/> into the spec's error body.
/// </summary>
internal sealed class RegistryRequestDispatcher(
    TokenAuthenticator authenticator,
    BlobEndpoints blobs,
    UploadEndpoints uploads,
    ManifestEndpoints manifests,
    TagEndpoints tags,
    CatalogEndpoints catalog,
    ILogger<RegistryRequestDispatcher> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers[RegistryHeaders.ApiVersion] = RegistryHeaders.ApiVersionValue;

        try
        {
            var rejection = authenticator.Check(request);
            if (rejection is not null)
            {
                RegistryLog.AuthenticationRejected(logger, request.Method, request.Path, rejection);
                response.Headers.WWWAuthenticate = TokenAuthenticator.Challenge;
                throw new RegistryException(
                    StatusCodes.Status401Unauthorized,
                    RegistryErrorCode.Unauthorized,
                    "authentication required: send the registry token as the Basic password or as a Bearer token");
            }

            // Blob sizes are governed by Registry:MaxUploadBytes, counted while streaming, not by Kestrel's 30 MB default.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = null;
            }

            var route = RegistryRouteParser.Parse(request.Path.Value ?? string.Empty);
            await DispatchAsync(context, route);
        }
        catch (RegistryException ex)
        {
            RegistryLog.RequestRejected(logger, request.Method, request.Path, ex.StatusCode, ex.Code, ex.Message);
            if (!response.HasStarted)
            {
                await RegistryResponses.WriteErrorAsync(response, ex, context.RequestAborted);
            }
        }
        catch (Exception ex) when (context.RequestAborted.IsCancellationRequested && ex is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client went away; an interrupted upload keeps what reached the disk and can be resumed.
        }
        catch (BadHttpRequestException ex) when (!response.HasStarted)
        {
            // Kestrel's own refusals while reading a body (truncated chunked encoding, body shorter than
            // Content-Length, read timeout) are the client's fault, not a 500.
            var code = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? RegistryErrorCode.SizeInvalid : RegistryErrorCode.Unknown;
            var error = new RegistryException(ex.StatusCode, code, $"bad request body: {ex.Message}");
            RegistryLog.RequestRejected(logger, request.Method, request.Path, error.StatusCode, error.Code, error.Message);
            await RegistryResponses.WriteErrorAsync(response, error, context.RequestAborted);
        }
        catch (Exception ex) when (!response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            RegistryLog.RequestFailed(logger, ex, request.Method, request.Path);
            var error = new RegistryException(StatusCodes.Status500InternalServerError, RegistryErrorCode.Unknown, "internal registry error; see the registry log");
            await RegistryResponses.WriteErrorAsync(response, error, context.RequestAborted);
        }
    }

    private Task DispatchAsync(HttpContext context, RegistryRoute route)
    {
        var method = context.Request.Method;
        var repository = route.Repository;
        var reference = route.Reference;
        return (route.Kind, method) switch
        {
            (RegistryRouteKind.Base, "GET" or "HEAD") => WriteBaseAsync(context),
            (RegistryRouteKind.Catalog, "GET") => catalog.ListAsync(context),
            (RegistryRouteKind.TagList, "GET") => tags.ListAsync(context, repository),
            (RegistryRouteKind.Manifest, "GET") => manifests.GetAsync(context, repository, reference, headOnly: false),
            (RegistryRouteKind.Manifest, "HEAD") => manifests.GetAsync(context, repository, reference, headOnly: true),
            (RegistryRouteKind.Manifest, "PUT") => manifests.PutAsync(context, repository, reference),
            (RegistryRouteKind.Manifest, "DELETE") => manifests.DeleteAsync(context, repository, reference),
            (RegistryRouteKind.Blob, "GET") => blobs.GetAsync(context, repository, reference, headOnly: false),
            (RegistryRouteKind.Blob, "HEAD") => blobs.GetAsync(context, repository, reference, headOnly: true),
            (RegistryRouteKind.Blob, "DELETE") => blobs.DeleteAsync(context, repository, reference),
            (RegistryRouteKind.UploadStart, "POST") => uploads.StartAsync(context, repository),
            (RegistryRouteKind.Upload, "GET") => uploads.StatusAsync(context, repository, reference),
            (RegistryRouteKind.Upload, "PATCH") => uploads.PatchAsync(context, repository, reference),
            (RegistryRouteKind.Upload, "PUT") => uploads.CompleteAsync(context, repository, reference),
            (RegistryRouteKind.Upload, "DELETE") => uploads.CancelAsync(context, repository, reference),
            (RegistryRouteKind.Unknown, _) => throw new RegistryException(
                StatusCodes.Status404NotFound,
                RegistryErrorCode.Unsupported,
                $"no registry endpoint at {context.Request.Path}"),
            _ => throw new RegistryException(
                StatusCodes.Status405MethodNotAllowed,
                RegistryErrorCode.Unsupported,
                $"{method} is not supported on {context.Request.Path}"),
        };
    }

    private static async Task WriteBaseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = RegistryHeaders.JsonContentType;
        context.Response.ContentLength = 2;
        await context.Response.WriteAsync("{}", context.RequestAborted);
    }
}
