namespace MiniPaas.Docker.Diagnostics;

/// <summary>Every event id this library logs with, kept here so they stay unique.</summary>
internal static class DockerLogEvents
{
    public const int EngineUnreachable = 1001;
    public const int RequestFailed = 1002;
    public const int RequestTimedOut = 1003;
    public const int StreamOpened = 1004;
    public const int ContainerCreated = 1101;
    public const int ContainerCreateWarning = 1102;
    public const int ContainerRemoved = 1103;
    public const int ImagePulled = 1201;
    public const int ImageLoaded = 1202;
    public const int ImageImported = 1203;
    public const int ImageRemoved = 1204;
}
