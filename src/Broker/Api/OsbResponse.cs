using System.Text.Json.Nodes;

namespace MiniPaas.Broker.Api;

/// <summary>A status code and JSON body as the OSB API defines them for one outcome.</summary>
internal sealed record OsbResponse(int StatusCode, JsonObject Body)
{
    public static OsbResponse Ok(JsonObject? body = null) => new(StatusCodes.Status200OK, body ?? []);

    public static OsbResponse Created(JsonObject? body = null) => new(StatusCodes.Status201Created, body ?? []);

    /// <summary>202 for an operation that continues in the background; the platform polls it by <paramref name="operation"/>.</summary>
    public static OsbResponse Accepted(string operation) => new(StatusCodes.Status202Accepted, new JsonObject { ["operation"] = operation });

    /// <summary>An error body: <c>error</c> is a single CamelCase word, <c>description</c> says what is wrong for a person.</summary>
    public static OsbResponse Error(int statusCode, string error, string description) =>
        new(statusCode, new JsonObject { ["error"] = error, ["description"] = description });

    public static OsbResponse BadRequest(string description) => Error(StatusCodes.Status400BadRequest, OsbErrorCodes.BadRequest, description);

    public static OsbResponse Gone(string description) => Error(StatusCodes.Status410Gone, OsbErrorCodes.Gone, description);

    public static OsbResponse NotFound(string description) => Error(StatusCodes.Status404NotFound, OsbErrorCodes.NotFound, description);

    public static OsbResponse Conflict(string description) => Error(StatusCodes.Status409Conflict, OsbErrorCodes.Conflict, description);

    public static OsbResponse AsyncRequired(string description) =>
        Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.AsyncRequired, description);

    public static OsbResponse ConcurrencyError(string description) =>
        Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.ConcurrencyError, description);
}
