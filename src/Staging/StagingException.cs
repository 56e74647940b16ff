namespace MiniPaas.Staging;

/// <summary>
/// StagingException reports why an app could not be staged: a bad upload, an undetectable app,
/// a failed publish. Its message is meant for the person who pushed the app, so it names the
/// offending file, entry or setting.
/// </summary>
public sealed class StagingException : Exception
{
    /// <summary>Creates the exception with a message that names what is wrong.</summary>
    public StagingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it.</summary>
    public StagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
