namespace MiniPaas.Registry.Protocol;

/// <summary>Factory for the registry errors used in more than one place, so status and code always agree.</summary>
internal static class RegistryErrors
{
    public static RegistryException NameInvalid(string name) => new(
        StatusCodes.Status400BadRequest,
        RegistryErrorCode.NameInvalid,
        $"repository name \"{name}\" is invalid: use lowercase path components of [a-z0-9] separated by '.', '_', '__' or '-', joined by '/', at most {RepositoryName.MaxLength} characters",
        new Dictionary<string, string> { ["name"] = name });

    public static RegistryException NameUnknown(string name) => new(
        StatusCodes.Status404NotFound,
        RegistryErrorCode.NameUnknown,
        $"repository \"{name}\" is not known to this registry",
        new Dictionary<string, string> { ["name"] = name });

    public static RegistryException DigestInvalid(string message, IReadOnlyDictionary<string, string>? detail = null) => new(
        StatusCodes.Status400BadRequest, RegistryErrorCode.DigestInvalid, message, detail);

    public static RegistryException BlobUnknown(string name, Digest digest) => new(
        StatusCodes.Status404NotFound,
        RegistryErrorCode.BlobUnknown,
        $"blob {digest} is not known to repository \"{name}\"",
        new Dictionary<string, string> { ["digest"] = digest.ToString() });

    public static RegistryException UploadUnknown(string name, string uploadId) => new(
        StatusCodes.Status404NotFound,
        RegistryErrorCode.BlobUploadUnknown,
        $"upload \"{uploadId}\" is not in progress for repository \"{name}\"",
        new Dictionary<string, string> { ["uuid"] = uploadId });

    public static RegistryException ManifestUnknown(string name, string reference) => new(
        StatusCodes.Status404NotFound,
        RegistryErrorCode.ManifestUnknown,
        $"manifest \"{reference}\" is not known to repository \"{name}\"",
        new Dictionary<string, string> { ["reference"] = reference });

    public static RegistryException ManifestInvalid(string message) => new(
        StatusCodes.Status400BadRequest, RegistryErrorCode.ManifestInvalid, message);

    public static RegistryException TooLarge(string what, long limit, string setting) => new(
        StatusCodes.Status413PayloadTooLarge,
        RegistryErrorCode.SizeInvalid,
        $"{what} exceeds the limit of {limit} bytes ({setting})",
        new Dictionary<string, string> { ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public static RegistryException DeleteDisabled(string what) => new(
        StatusCodes.Status405MethodNotAllowed,
        RegistryErrorCode.Unsupported,
        $"deleting {what} is disabled on this registry (Registry:AllowDelete is false)");
}
