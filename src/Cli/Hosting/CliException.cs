namespace MiniPaas.Cli.Hosting;

/// <summary>
/// CliException is a problem the user can fix (bad flag, bad manifest, missing build output). The
/// command runner prints its message as <c>error: ...</c> and exits with code 1, without a stack trace.
/// </summary>
internal class CliException(string message) : Exception(message);
