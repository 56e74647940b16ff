using Microsoft.Playwright;
using MiniPaas.Dashboard.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace MiniPaas.Dashboard.Tests.Browser;

/// <summary>
/// Drives the dashboard in Debian's Chromium (headless) against a real platform brought up by
/// <c>minipaas up</c>: scheduler, registry, two agents, router, real containers.
/// </summary>
public sealed class DashboardBrowserTests
{
    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    // Generous: staging, pulling and starting containers on a shared 2-core machine.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Dashboard_InstanceKilledWithDockerKillAndFromThePage_ShowsLogsCrashThenRecoveryWithoutReload()
    {
        await using var platform = await TestPlatform.UpAsync(agents: 2);
        var push = await platform.CliAsync("push", "hello", "-p", RepositoryPaths.Sample("hello"), "-i", "2");
        Assert.True(push.ExitCode == 0, $"push failed: {push}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var screenshots = Directory.CreateDirectory(RepositoryPaths.Screenshots).FullName;

        // Log in with the link `up` printed: it redirects to the page with a session cookie.
        var login = await page.GotoAsync(platform.LoginLink);
        Assert.NotNull(login);
        Assert.Equal(200, login.Status);
        Assert.EndsWith("/", page.Url, StringComparison.Ordinal);

        var hello = page.Locator("article.app[data-app='hello']");
        var running = hello.Locator("[data-testid='app-running']");
        await Expect(running).ToHaveTextAsync("2/2", new() { Timeout = Ms(Deadline) });
        await Expect(hello.Locator(".instance[data-state='running']")).ToHaveCountAsync(2, new() { Timeout = Ms(Deadline) });
        await Expect(page.Locator(".node[data-state='ready']")).ToHaveCountAsync(2);
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(page.Locator("#events li[data-kind='instance.crashed'][data-app='hello']")).ToHaveCountAsync(0);
        var loadId = await page.EvaluateAsync<string>("window.__dashboardLoadId");
        var snapshotsBefore = await page.EvaluateAsync<int>("window.__dashboardSnapshots");
        await AssertFitsWidthAsync(page);

        // The log panel tails hello from the log aggregator: a request through the router makes
        // hello write `served GET / as instance N` (APP) and the router an access line (RTR).
        await Expect(page.Locator("#log-lines")).ToHaveAttributeAsync("data-source", "aggregator");
        await Expect(page.Locator("#log-note")).ToContainTextAsync("log aggregator");
        var route = new Uri(await hello.Locator("a[href]").First.GetAttributeAsync("href") ?? throw new InvalidOperationException("hello has no route link"));
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{platform.RouterPort}/");
            request.Headers.Host = route.Host;
            using var reply = await http.SendAsync(request);
            Assert.True(reply.IsSuccessStatusCode, $"GET / through the router for {route.Host} answered {(int)reply.StatusCode}");
        }

        await Expect(page.Locator("#log-lines li.log-line", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\[(APP|RTR)/") }).First)
            .ToBeVisibleAsync(new() { Timeout = Ms(Deadline) });
        await Expect(page.Locator("#log-lines li.log-line", new() { HasTextString = "served GET / as instance" }).First).ToBeVisibleAsync(new() { Timeout = Ms(Deadline) });
        Assert.Equal(loadId, await page.EvaluateAsync<string>("window.__dashboardLoadId"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "1-running-1280x800.png"), FullPage = true });

        // The link was good for one login only; a browser without the cookie gets the 401 page.
        var stranger = await browser.NewContextAsync();
        var strangerPage = await stranger.NewPageAsync();
        var reused = await strangerPage.GotoAsync(platform.LoginLink);
        Assert.Equal(401, reused!.Status);
        await Expect(strangerPage.Locator("body")).ToContainTextAsync("minipaas dashboard");
        await stranger.CloseAsync();

        var containers = await platform.RunningContainersAsync("hello");
        Assert.Equal(2, containers.Count);
        var kill = await Commands.RunAsync("docker", ["kill", containers[0]], TimeSpan.FromSeconds(30));
        Assert.True(kill.ExitCode == 0, $"docker kill failed: {kill}");

        // The crash shows up without a reload: as an event and on the instance's cell.
        await Expect(page.Locator("#events li[data-kind='instance.crashed'][data-app='hello']").First).ToBeVisibleAsync(new() { Timeout = Ms(Deadline) });
        await Expect(hello.Locator(".instance[data-recent-crash='true']")).ToHaveCountAsync(1, new() { Timeout = Ms(Deadline) });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "2-crashed-1280x800.png"), FullPage = true });

        // Then recovery: the same instance restarted (restart count 1) and 2/2 running again.
        var restarted = hello.Locator(".instance[data-state='running']", new() { Has = page.Locator("[data-testid='restarts']", new() { HasTextString = "restarts 1" }) });
        await Expect(restarted).ToHaveCountAsync(1, new() { Timeout = Ms(Deadline) });
        await Expect(running).ToHaveTextAsync("2/2", new() { Timeout = Ms(Deadline) });
        await Expect(hello.Locator(".instance[data-state='running']")).ToHaveCountAsync(2, new() { Timeout = Ms(Deadline) });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "3-recovered-1280x800.png"), FullPage = true });

        Assert.Equal(loadId, await page.EvaluateAsync<string>("window.__dashboardLoadId"));
        Assert.True(await page.EvaluateAsync<int>("window.__dashboardSnapshots") > snapshotsBefore, "no snapshot arrived after the kill");

        // The operator kills the other instance from the page (with a confirmation): its agent
        // SIGKILLs the container, and the same screen shows the crash and the recovery.
        var untouched = hello.Locator(".instance[data-state='running']", new() { Has = page.Locator("[data-testid='restarts']", new() { HasTextString = "restarts 0" }) });
        await untouched.Locator("button[data-action='kill']").ClickAsync();
        await Expect(page.Locator("#confirm")).ToBeVisibleAsync();
        await page.Locator("#confirm-ok").ClickAsync();
        await Expect(page.Locator("#events li[data-kind='instance.kill_requested'][data-app='hello']")).ToHaveCountAsync(1, new() { Timeout = Ms(Deadline) });
        await Expect(page.Locator("#events li[data-kind='instance.crashed'][data-app='hello']")).ToHaveCountAsync(2, new() { Timeout = Ms(Deadline) });
        var bothRestarted = hello.Locator(".instance[data-state='running']", new() { Has = page.Locator("[data-testid='restarts']", new() { HasTextString = "restarts 1" }) });
        await Expect(bothRestarted).ToHaveCountAsync(2, new() { Timeout = Ms(Deadline) });
        await Expect(running).ToHaveTextAsync("2/2", new() { Timeout = Ms(Deadline) });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "4-killed-from-ui-recovered-1280x800.png"), FullPage = true });

        // A narrow window: everything stacks in one column and nothing needs horizontal scrolling.
        await page.SetViewportSizeAsync(420, 900);
        await Expect(running).ToBeVisibleAsync();
        await AssertFitsWidthAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "5-recovered-420.png"), FullPage = true });
        Assert.Equal(loadId, await page.EvaluateAsync<string>("window.__dashboardLoadId"));
    }

    private static async Task AssertFitsWidthAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 1, $"the page is {overflow}px wider than the window");
    }

    private static float Ms(TimeSpan span) => (float)span.TotalMilliseconds;
}
