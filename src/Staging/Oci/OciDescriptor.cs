namespace MiniPaas.Staging.Oci;

/// <summary>An OCI content descriptor: what a manifest says about a blob it points to.</summary>
internal sealed record OciDescriptor(string MediaType, string Digest, long Size);
