namespace MiniPaas.Agent.Registration;

/// <summary>Where images are pulled from (<c>host:port</c>) and the token that opens it.</summary>
internal sealed record RegistryCredentials(string Address, string Token)
{
    /// <summary>Docker's registry user name for MiniPaas pulls; the token is the password.</summary>
    public const string UserName = "minipaas";

    /// <summary>Keeps the token out of logs.</summary>
    public override string ToString() => $"RegistryCredentials {{ Address = {Address} }}";
}
