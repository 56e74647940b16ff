namespace MiniPaas.Docker;

/// <summary>Which output of the container a log line came from.</summary>
public enum LogStream
{
    /// <summary>Standard output (frame type 1).</summary>
    Stdout = 1,

    /// <summary>Standard error (frame type 2).</summary>
    Stderr = 2,
}
