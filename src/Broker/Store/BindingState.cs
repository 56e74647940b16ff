namespace MiniPaas.Broker.Store;

/// <summary>Whether a binding's backend credentials exist.</summary>
internal enum BindingState
{
    /// <summary>Recorded before the backend user is created, so a crash in between leaves something to clean up.</summary>
    Creating,

    /// <summary>The backend user exists and the credentials are stored.</summary>
    Ready,
}
