namespace MiniPaas.Rpc;

/// <summary>Every log event id of this project, in one place so ids never collide.</summary>
internal static class RpcLogEvents
{
    public const int HandlerFailed = 1001;
    public const int CallFailed = 1002;
    public const int DeadlineExceeded = 1003;
    public const int CallCancelledByClient = 1004;
    public const int ProtocolNotSupported = 1005;
    public const int UnsupportedContentType = 1006;
    public const int UnimplementedCall = 1007;
    public const int TrailersNotWritten = 1008;
    public const int MethodMapped = 1009;
}
