using System.Net;

namespace MiniPaas.Staging;

/// <summary>
/// RegistryException carries a registry's refusal: the HTTP status and the first entry of the
/// OCI <c>errors</c> body (<see cref="Code"/> such as <c>BLOB_UNKNOWN</c> or <c>MANIFEST_INVALID</c>,
/// and its message). Failures to reach the registry at all use the code <c>UNREACHABLE</c> or <c>TIMEOUT</c>.
/// </summary>
public sealed class RegistryException : Exception
{
    /// <summary>Creates the exception from a registry answer or a transport failure.</summary>
    public RegistryException(HttpStatusCode? statusCode, string code, string message, Exception? innerException = null)
        : base($"Registry error {code}{(statusCode is null ? "" : $" (HTTP {(int)statusCode})")}: {message}", innerException)
    {
        StatusCode = statusCode;
        Code = code;
        RegistryMessage = message;
    }

    /// <summary>The HTTP status, or <c>null</c> when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OCI error code, e.g. <c>MANIFEST_UNKNOWN</c>.</summary>
    public string Code { get; }

    /// <summary>The registry's own message for the error.</summary>
    public string RegistryMessage { get; }
}
