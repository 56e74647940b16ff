using System.Net;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Docker.Diagnostics;

internal static partial class DockerLog
{
    [LoggerMessage(EventId = DockerLogEvents.EngineUnreachable, Level = LogLevel.Warning,
        Message = "Docker engine unreachable at {SocketPath} for {Method} {Path}")]
    public static partial void EngineUnreachable(ILogger logger, string socketPath, string method, string path, Exception exception);

    [LoggerMessage(EventId = DockerLogEvents.RequestFailed, Level = LogLevel.Debug,
        Message = "Docker {Method} {Path} answered {StatusCode}: {EngineMessage}")]
    public static partial void RequestFailed(ILogger logger, string method, string path, HttpStatusCode statusCode, string engineMessage);

    [LoggerMessage(EventId = DockerLogEvents.RequestTimedOut, Level = LogLevel.Warning,
        Message = "Docker {Method} {Path} got no answer within {Timeout}")]
    public static partial void RequestTimedOut(ILogger logger, string method, string path, TimeSpan timeout);

    [LoggerMessage(EventId = DockerLogEvents.StreamOpened, Level = LogLevel.Debug,
        Message = "Docker stream {Method} {Path} opened")]
    public static partial void StreamOpened(ILogger logger, string method, string path);

    [LoggerMessage(EventId = DockerLogEvents.ContainerCreated, Level = LogLevel.Information,
        Message = "Created container {ContainerId} ({ContainerName}) from {Image}")]
    public static partial void ContainerCreated(ILogger logger, string containerId, string? containerName, string image);

    [LoggerMessage(EventId = DockerLogEvents.ContainerCreateWarning, Level = LogLevel.Warning,
        Message = "Engine warning while creating container {ContainerId}: {Warning}")]
    public static partial void ContainerCreateWarning(ILogger logger, string containerId, string warning);

    [LoggerMessage(EventId = DockerLogEvents.ContainerRemoved, Level = LogLevel.Information,
        Message = "Removed container {ContainerId} (force: {Force})")]
    public static partial void ContainerRemoved(ILogger logger, string containerId, bool force);

    [LoggerMessage(EventId = DockerLogEvents.ImagePulled, Level = LogLevel.Information,
        Message = "Pulled image {Image}")]
    public static partial void ImagePulled(ILogger logger, string image);

    [LoggerMessage(EventId = DockerLogEvents.ImageLoaded, Level = LogLevel.Information,
        Message = "Loaded image archive: {LoadedImages}")]
    public static partial void ImageLoaded(ILogger logger, string loadedImages);

    [LoggerMessage(EventId = DockerLogEvents.ImageImported, Level = LogLevel.Information,
        Message = "Imported root filesystem as {Repository}:{Tag} ({ImageId})")]
    public static partial void ImageImported(ILogger logger, string repository, string tag, string imageId);

    [LoggerMessage(EventId = DockerLogEvents.ImageRemoved, Level = LogLevel.Information,
        Message = "Removed image {Image} (force: {Force})")]
    public static partial void ImageRemoved(ILogger logger, string image, bool force);
}
