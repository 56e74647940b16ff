using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Packaging;

/// <summary>
/// PackagingException means the app directory cannot be packed as it is (a symlink pointing outside
/// it, an unreadable file, a bad exclude pattern); the message names the path.
/// </summary>
internal sealed class PackagingException(string message) : CliException(message);
