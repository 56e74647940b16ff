using MiniPaas.Cli.Connection;

namespace MiniPaas.Cli.Platform;

/// <summary>PlatformReport is what <c>up</c> leaves running: the home, the config with the tokens, the controller connection and each component.</summary>
internal sealed record PlatformReport(string Home, string ConfigPath, ConnectionSettings Connection, IReadOnlyList<ComponentStatus> Components);
