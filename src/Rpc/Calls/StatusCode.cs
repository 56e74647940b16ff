namespace MiniPaas.Rpc;

/// <summary>
/// StatusCode is the gRPC status of a finished call, with the numeric values the protocol puts in
/// the <c>grpc-status</c> trailer.
/// </summary>
public enum StatusCode
{
    /// <summary>The call succeeded.</summary>
    OK = 0,

    /// <summary>The call was cancelled, usually by the caller.</summary>
    Cancelled = 1,

    /// <summary>An error without a better code, e.g. an unexpected exception in a handler.</summary>
    Unknown = 2,

    /// <summary>The caller sent an argument that is invalid whatever the system state.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline passed before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the caller tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller is known but may not perform this call.</summary>
    PermissionDenied = 7,

    /// <summary>A resource (quota, message size, memory) ran out.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in the state the call needs.</summary>
    FailedPrecondition = 9,

    /// <summary>The call was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>An argument is outside the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The method is not implemented or not supported by the server.</summary>
    Unimplemented = 12,

    /// <summary>An invariant of the system or protocol was broken.</summary>
    Internal = 13,

    /// <summary>The service is unavailable right now; retrying may help.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The call has no valid credentials.</summary>
    Unauthenticated = 16,
}
