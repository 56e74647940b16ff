namespace MiniPaas.Scheduler.Services;

/// <summary>BrokerEndpoint is where a registered broker answers and the credentials it wants (password decrypted).</summary>
internal sealed record BrokerEndpoint(string Name, Uri Url, string Username, string Password);
