namespace MiniPaas.Router.Admin;

/// <summary>Marks connections accepted on the admin port, so their requests never reach the proxy.</summary>
internal sealed class AdminConnectionFeature
{
    public static AdminConnectionFeature Instance { get; } = new();

    private AdminConnectionFeature()
    {
    }
}
