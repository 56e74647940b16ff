namespace MiniPaas.Rpc;

/// <summary>The parts of a client call that its public wrappers expose, whatever the message types.</summary>
internal interface IClientCallState : IDisposable
{
    Task<Metadata> ResponseHeadersTask { get; }

    Metadata GetTrailers();
}
