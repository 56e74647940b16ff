using System.Text;
using MiniPaas.Staging.Layers;
using MiniPaas.Staging.Processes;

namespace MiniPaas.Staging.Stacks;

/// <summary>
/// Plans the bottom layer every image shares: a static busybox with a link per applet (so
/// <c>/bin/sh</c>, <c>/usr/bin/env</c>, <c>httpd</c> all exist), <c>/tmp</c>, and a non-root user.
/// Both stacks use the same plan, so their base layers have the same digest and upload once.
/// </summary>
internal sealed class BusyboxBaseLayer(string busyboxPath)
{
    public const string LayerName = "busybox base";

    private readonly SemaphoreSlim _planLock = new(1, 1);
    private LayerContents? _plan;

    public async Task<LayerContents> PlanAsync(CancellationToken cancellationToken)
    {
        await _planLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _plan ??= await BuildPlanAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _planLock.Release();
        }
    }

    private async Task<LayerContents> BuildPlanAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(busyboxPath))
        {
            throw new StagingException($"Busybox was not found at '{busyboxPath}' (StagingOptions.BusyboxPath); install Debian's busybox-static.");
        }

        if (ElfInspector.NeedsInterpreter(busyboxPath))
        {
            throw new StagingException($"'{busyboxPath}' (StagingOptions.BusyboxPath) is dynamically linked; images carry no libc for it. Install Debian's busybox-static.");
        }

        var (exitCode, listing) = await ProcessRunner.CaptureAsync(busyboxPath, ["--list-full"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new StagingException($"'{busyboxPath} --list-full' failed with exit code {exitCode}.");
        }

        var contents = new LayerContents();
        contents.AddFile("bin/busybox", busyboxPath, LayerEntry.ExecutableMode);
        foreach (var applet in listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (applet != "bin/busybox")
            {
                contents.AddSymlink(applet, "/bin/busybox");
            }
        }

        contents.AddContent("etc/passwd", Encoding.ASCII.GetBytes(ImageUsers.Passwd));
        contents.AddContent("etc/group", Encoding.ASCII.GetBytes(ImageUsers.Group));
        contents.AddContent("etc/nsswitch.conf", Encoding.ASCII.GetBytes(ImageUsers.NsSwitch));
        contents.AddDirectory("tmp", LayerEntry.DirectoryMode | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite | UnixFileMode.StickyBit);
        contents.AddDirectory("root", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        contents.AddDirectory(ImageUsers.AppHome.TrimStart('/'), LayerEntry.DirectoryMode, ImageUsers.AppUid, ImageUsers.AppGid);
        return contents;
    }
}
