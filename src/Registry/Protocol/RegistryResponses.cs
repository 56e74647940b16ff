using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MiniPaas.Registry.Protocol;

/// <summary>Writes the registry's JSON bodies and error documents.</summary>
internal static class RegistryResponses
{
    public static Task WriteJsonAsync<T>(HttpResponse response, int statusCode, T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = RegistryHeaders.JsonContentType;
        return JsonSerializer.SerializeAsync(response.Body, value, typeInfo, cancellationToken);
    }

    public static Task WriteErrorAsync(HttpResponse response, RegistryException error, CancellationToken cancellationToken)
    {
        if (error.Headers is not null)
        {
            foreach (var (name, value) in error.Headers)
            {
                response.Headers[name] = value;
            }
        }

        var body = new ErrorResponse([new ErrorEntry(error.Code, error.Message, error.Detail)]);
        return WriteJsonAsync(response, error.StatusCode, body, RegistryJsonContext.Readable.ErrorResponse, cancellationToken);
    }

    /// <summary>Sets the status of a reply whose whole meaning is in its headers (201/202/204).</summary>
    public static void WriteEmpty(HttpResponse response, int statusCode)
    {
        response.StatusCode = statusCode;
        if (statusCode != StatusCodes.Status204NoContent)
        {
            response.ContentLength = 0;
        }
    }
}
