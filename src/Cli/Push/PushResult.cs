using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Push;

/// <summary>PushResult is what a finished push produced: the uploaded package, the release and the app as it ended up.</summary>
internal sealed record PushResult(UploadReply Package, ReleaseSummary? Release, AppDetail App, bool RolloutComplete);
