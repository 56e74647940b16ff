namespace MiniPaas.Staging.Stacks;

/// <summary>The non-root user every app runs as, and the files that declare it.</summary>
internal static class ImageUsers
{
    public const int AppUid = 1000;
    public const int AppGid = 1000;
    public const string AppUser = "app";
    public const string AppHome = "/home/app";

    public const string Passwd =
        "root:x:0:0:root:/root:/bin/sh\n" +
        "app:x:1000:1000:app:/home/app:/bin/sh\n" +
        "nobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";

    public const string Group =
        "root:x:0:\n" +
        "app:x:1000:\n" +
        "nogroup:x:65534:\n";

    // glibc programs (the .NET runtime) read this for name lookups; busybox ignores it.
    public const string NsSwitch =
        "passwd: files\n" +
        "group: files\n" +
        "hosts: files dns\n";
}
