using System.Text.Json;

namespace MiniPaas.Broker.Api;

/// <summary>Reads request bodies and their fields, turning every shape problem into a <see cref="BadRequestException"/> that names the field.</summary>
internal static class RequestJson
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static async Task<JsonElement> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequestException($"Content-Type must be application/json; it is {contentType}.");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw new BadRequestException($"The request body is {request.ContentLength} bytes; at most {MaxBodyBytes} are accepted.");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new BadRequestException($"The request body is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException($"The request body must be a JSON object; it is {Describe(document.RootElement.ValueKind)}.");
            }

            return document.RootElement.Clone();
        }
    }

    public static string RequiredString(JsonElement body, string field) =>
        OptionalString(body, field) ?? throw new BadRequestException($"The request body is missing the mandatory field \"{field}\".");

    /// <summary>The field's value; <c>null</c> when absent or JSON null. When present it must be a non-empty string.</summary>
    public static string? OptionalString(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new BadRequestException($"The field \"{field}\" must be a string; it is {Describe(value.ValueKind)}.");
        }

        var text = value.GetString()!;
        if (text.Length == 0)
        {
            throw new BadRequestException($"The field \"{field}\" must not be an empty string.");
        }

        return text;
    }

    /// <summary>The field's object; <c>null</c> when absent or JSON null. When present it must be an object.</summary>
    public static JsonElement? OptionalObject(JsonElement body, string field)
    {
        if (!body.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new BadRequestException($"The field \"{field}\" must be a JSON object; it is {Describe(value.ValueKind)}.");
        }

        return value;
    }

    /// <summary><c>maintenance_info.version</c>, or <c>null</c> when the request carries no maintenance info.</summary>
    public static string? MaintenanceVersion(JsonElement body)
    {
        if (OptionalObject(body, "maintenance_info") is not { } info)
        {
            return null;
        }

        return OptionalString(info, "version") ?? throw new BadRequestException("The field \"maintenance_info\" must contain a \"version\" string.");
    }

    /// <summary>The <c>accepts_incomplete</c> query parameter: absent means false; anything but true/false is malformed.</summary>
    public static bool AcceptsIncomplete(HttpRequest request)
    {
        var values = request.Query["accepts_incomplete"];
        if (values.Count == 0)
        {
            return false;
        }

        return values.ToString() switch
        {
            "true" => true,
            "false" => false,
            var other => throw new BadRequestException($"The query parameter accepts_incomplete must be true or false; it is \"{other}\"."),
        };
    }

    public static string RequiredQuery(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        if (string.IsNullOrEmpty(value))
        {
            throw new BadRequestException($"The query parameter {name} is mandatory for this request.");
        }

        return value;
    }

    public static string? OptionalQuery(HttpRequest request, string name)
    {
        var values = request.Query[name];
        if (values.Count == 0)
        {
            return null;
        }

        var value = values.ToString();
        return value.Length == 0 ? throw new BadRequestException($"The query parameter {name} must not be empty when present.") : value;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
