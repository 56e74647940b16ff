namespace MiniPaas.Cli.Platform;

/// <summary>ComponentStatus is one row of the table <c>up</c> and <c>status</c> print; <see cref="Pid"/> is null when it is not running.</summary>
internal sealed record ComponentStatus(string Name, string Address, int? Pid, string Log);
