namespace MiniPaas.Cli.Tests.Support;

/// <summary>One UploadPackage call as the controller saw it: the header, the size of every data chunk, the bytes.</summary>
internal sealed record ReceivedUpload(string App, long DeclaredSize, IReadOnlyList<int> ChunkSizes, byte[] Data, bool HeaderFirst);
