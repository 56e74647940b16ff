namespace MiniPaas.Registry.Protocol;

/// <summary>
/// A request the registry refuses, carrying everything needed for the spec's error body.
/// Thrown from deep inside a handler so the dispatcher can answer in one consistent format.
/// </summary>
internal sealed class RegistryException : Exception
{
    public RegistryException(int statusCode, string code, string message, IReadOnlyDictionary<string, string>? detail = null)
        : base(message)
    {
        StatusCode = statusCode;
        Code = code;
        Detail = detail;
    }

    public int StatusCode { get; }

    public string Code { get; }

    public IReadOnlyDictionary<string, string>? Detail { get; }

    /// <summary>Extra response headers the client needs to recover, e.g. the upload's current Range after a 416.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
