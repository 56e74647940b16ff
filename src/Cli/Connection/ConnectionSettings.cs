namespace MiniPaas.Cli.Connection;

/// <summary>
/// ConnectionSettings is where the CLI sends its calls and with which token, plus where each came
/// from (a flag, an environment variable, config.json or the default) so errors can say so.
/// </summary>
internal sealed record ConnectionSettings(Uri Api, string? Token, string ApiSource, string TokenSource);
