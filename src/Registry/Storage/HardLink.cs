using System.Runtime.InteropServices;

namespace MiniPaas.Registry.Storage;

/// <summary>
/// <c>link(2)</c>: gives a file a second name, failing with EEXIST if the name is taken. It is the primitive for
/// "create only if absent" with complete content. File.Move(overwrite: false) cannot be used for that on Linux:
/// .NET checks for the target with lstat and then calls rename, which silently replaces a file created in between.
/// </summary>
internal static partial class HardLink
{
    private const int ErrorFileExists = 17; // EEXIST on Linux

    /// <summary>Returns false when <paramref name="newPath"/> already exists; throws on any other failure.</summary>
    public static bool TryCreate(string existingPath, string newPath)
    {
        if (OperatingSystem.IsWindows())
        {
            // There File.Move without overwrite is MoveFileEx without MOVEFILE_REPLACE_EXISTING, which refuses
            // atomically. The caller deletes the (then moved-away) source afterwards, which is a no-op.
            try
            {
                File.Move(existingPath, newPath, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(newPath))
            {
                return false;
            }
        }

        if (Link(existingPath, newPath) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        if (error == ErrorFileExists)
        {
            return false;
        }

        throw new IOException($"link {existingPath} -> {newPath} failed: {Marshal.GetPInvokeErrorMessage(error)}", error);
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existingPath, string newPath);
}
