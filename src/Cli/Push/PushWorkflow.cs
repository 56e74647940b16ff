using System.Text.Json.Nodes;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Cli.Packaging;
using MiniPaas.Contracts.V1;
using Spectre.Console;

namespace MiniPaas.Cli.Push;

/// <summary>
/// PushWorkflow is <c>push</c> after its flags are merged into a <see cref="DeploymentPlan"/>:
/// pack the directory, upload it with progress, deploy it while echoing staging output and
/// instance progress, then report where the app answers. Progress goes to stdout, or to stderr with
/// <c>--json</c> so stdout carries only the final JSON document.
/// </summary>
internal sealed class PushWorkflow(Invocation invocation)
{
    /// <summary>
    /// Whether <c>--json</c> prints the push's own document. Default true; a command that pushes as one
    /// step of its own (demo chaos) turns it off so stdout stays a single JSON document.
    /// </summary>
    public bool WriteJsonResult { get; init; } = true;

    /// <summary>Runs the push; the result says whether the rollout finished.</summary>
    public async Task<PushResult> RunAsync(DeploymentPlan plan)
    {
        var cancellationToken = invocation.CancellationToken;
        invocation.Say($"pushing {plan.AppName} from {plan.SourceDirectory} ({DeploymentPlanner.Describe(plan)})");
        if (plan.ManifestPath is not null)
        {
            invocation.Say($"   using manifest {plan.ManifestPath}");
        }

        var (archive, summary) = AppPackager.PackToTemporaryFile(plan.SourceDirectory, plan.Exclude);
        UploadReply package;
        await using (archive)
        {
            foreach (var skipped in summary.Skipped)
            {
                invocation.Context.Error.WriteLine($"warning: {skipped} is not a regular file, directory or symlink; left out of the package");
            }

            invocation.Say($"packed {summary.Files} files in {summary.Directories} directories ({Humanize.Bytes(archive.Length)})");
            package = await UploadAsync(plan.AppName, archive, cancellationToken);
        }

        invocation.Say($"uploaded {Humanize.Bytes(package.Size)}: package {Humanize.ShortDigest(package.PackageId)}");

        var request = new DeployRequest { App = plan.AppName, PackageId = package.PackageId, Settings = plan.Settings, Strategy = plan.Strategy };
        ReleaseSummary? release = null;
        AppDetail? app = null;
        string? lastProgress = null;
        await foreach (var item in invocation.Controller.DeployAsync(request, cancellationToken))
        {
            switch (item.ItemCase)
            {
                case DeployProgress.ItemOneofCase.StagingLine:
                    invocation.Say("   [STG] " + item.StagingLine.TrimEnd('\r', '\n'));
                    break;
                case DeployProgress.ItemOneofCase.ReleaseCreated:
                    release = item.ReleaseCreated;
                    invocation.Say($"release {Humanize.Version(release.Version)} {release.ImageDigest}");
                    break;
                case DeployProgress.ItemOneofCase.App:
                    app = item.App;
                    var progress = InstanceProgress.Describe(app, release?.Version ?? 0);
                    if (progress != lastProgress)
                    {
                        invocation.Say(progress);
                        lastProgress = progress;
                    }

                    break;
                case DeployProgress.ItemOneofCase.Message:
                    invocation.Say("   " + item.Message);
                    break;
            }
        }

        app ??= await invocation.Controller.GetAppAsync(plan.AppName, cancellationToken);
        var version = release?.Version ?? app.Release?.Version ?? 0;
        var complete = InstanceProgress.IsComplete(app, version);
        if (invocation.Json && WriteJsonResult)
        {
            var document = new JsonObject
            {
                ["package"] = JsonReply.ToNode(package),
                ["release"] = release is null ? null : JsonReply.ToNode(release),
                ["app"] = JsonReply.ToNode(app),
                ["rolloutComplete"] = complete,
            };
            invocation.Context.RawOut.WriteLine(JsonReply.Format(document));
        }
        else if (!invocation.Json)
        {
            ReportWhereItRuns(app, version);
        }

        return new PushResult(package, release, app, complete);
    }

    private void ReportWhereItRuns(AppDetail app, int releaseVersion)
    {
        var urls = app.Summary?.Urls ?? [];
        if (urls.Count > 0)
        {
            invocation.Say("urls: " + string.Join(", ", urls));
        }

        var addresses = app.Instances
            .Where(i => i.State == InstanceState.Running && i.Address.Length > 0 && (releaseVersion == 0 || i.ReleaseVersion == releaseVersion))
            .OrderBy(i => i.Index)
            .Select(i => "http://" + i.Address)
            .ToArray();
        if (addresses.Length > 0)
        {
            invocation.Say("instances: " + string.Join(", ", addresses));
        }
        else if (urls.Count == 0)
        {
            invocation.Say("no instance is running, so the app has no address yet");
        }
    }

    private async Task<UploadReply> UploadAsync(string app, FileStream archive, CancellationToken cancellationToken)
    {
        var console = invocation.Context.Out;
        if (invocation.Json || !console.Profile.Capabilities.Interactive)
        {
            invocation.Say($"uploading {Humanize.Bytes(archive.Length)}");
            return await invocation.Controller.UploadPackageAsync(app, archive, progress: null, cancellationToken);
        }

        UploadReply? reply = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new DownloadedColumn(), new TransferSpeedColumn())
            .StartAsync(async progressContext =>
            {
                var task = progressContext.AddTask("uploading", maxValue: Math.Max(1, archive.Length));
                reply = await invocation.Controller.UploadPackageAsync(
                    app, archive, new Progress<long>(sent => task.Value = sent), cancellationToken);
                task.Value = task.MaxValue;
            });
        return reply!;
    }
}
