using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using EduGov.Infrastructure.Supervision;
using EduGov.Tests;
using Xunit.Sdk;

namespace EduGov.E2E;

/// <summary>
/// Starts the real portal (the built EduGov.Web, on a free local port, with a fresh SQLite file and demo data) and a
/// headless Chromium from the system (never downloaded: <see cref="SystemBrowser"/>).
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"edugov-e2e-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    public string BaseUrl => Process.BaseUrl;
    public PortalProcess Process { get; }
    /// <summary>The settings the portal runs with, for a second instance of the same portal.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }
    public IBrowser Browser { get; private set; } = default!;
    public static string Root => PortalProcess.Root;
    public static string Screenshots { get; } = Path.Combine(Root, "artifacts", "screenshots");
    /// <summary>What the portal wrote while the journeys ran; test.sh shows its errors when a run fails.</summary>
    public static string ServerLog { get; } = Path.Combine(Root, "artifacts", "e2e-server.log");

    public PortalServer() : this(new Dictionary<string, string>(), ServerLog)
    {
        Journeys = this;
    }

    /// <summary>The journeys' portal (the collection's fixture), whose pages each journey closes; not a cluster's instances.</summary>
    private static PortalServer? Journeys;

    /// <summary>A portal with settings of its own over the journeys' (a fresh SQLite file and demo data), logging to <paramref name="logFile"/>.</summary>
    internal PortalServer(IReadOnlyDictionary<string, string> settings, string logFile)
    {
        var defaults = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__EduGov"] = $"Data Source={_database}",
            ["EduGov__Demo__Enabled"] = "true",
            // The demo's evidence files (and the journeys' uploads) beside the database, deleted with it.
            ["EduGov__FilesPath"] = _database + "-files",
            // The outbox retries a channel that was down after 2 s, not a minute, so a journey can watch it recover.
            ["EduGov__Notifications__FirstRetryDelay"] = "00:00:02",
            ["EduGov__Notifications__MaxRetryDelay"] = "00:00:04",
            // Each request's path and duration in the log, so a slow page in a failed run can be found.
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        };
        foreach (var (name, value) in settings) defaults[name] = value;
        Settings = defaults;
        Process = new PortalProcess(defaults, logFile);
    }

    public async Task InitializeAsync()
    {
        await Process.StartAsync();
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemBrowser.ExecutablePath, Headless = true, Args = SystemBrowser.Arguments,
        });
    }

    /// <summary>The demo admin's and commission's authenticator (README's published key); each code is used once.</summary>
    private readonly DemoAuthenticator _authenticator = new();

    // Each authenticator code opens one sign-in, so a third sign-in within 30 s waits for the next code: the accounts with a
    // second factor sign in once, and later journeys open their own browser context on that session's cookie.
    private readonly Dictionary<string, string> _secondFactorSessions = [];

    /// <summary>A fresh browser context signed in as a demo account, on the home page with the circuit live.</summary>
    public async Task<IPage> SignInAsync(string userName, string password = "Demo@12345")
    {
        if (_secondFactorSessions.TryGetValue(userName, out var session))
        {
            var signedIn = await NewPageAsync(storageState: session);
            await signedIn.GotoAsync($"{BaseUrl}/");
            await WaitInteractiveAsync(signedIn);
            return signedIn;
        }
        var page = await NewPageAsync();
        await page.GotoAsync($"{BaseUrl}/account/login");
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button.sign-in");
        // The sign-in answers with a redirect to a full page load; wait for the circuit, not the load event, which
        // Chromium was once seen not to report on a starved CI machine.
        await page.WaitForURLAsync(new Regex($"^{Regex.Escape(BaseUrl)}/(account/2fa.*)?$"), InPage);
        if (page.Url.Contains("/account/2fa"))
        {
            // Admin and commission accounts: the code their authenticator shows, from the published demo key.
            await page.FillAsync("#code", await _authenticator.NextCodeAsync(userName));
            await page.ClickAsync("button.verify-code");
            await page.WaitForURLAsync($"{BaseUrl}/", InPage);
            _secondFactorSessions[userName] = await page.Context.StorageStateAsync();
        }
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>An administrator's page creates an account through 用户管理's dialog, with the password Strong@Pass1.</summary>
    public async Task CreateAccountAsync(IPage admin, string userName, string role, string unitSearch, string unitName)
    {
        await admin.GotoAsync($"{BaseUrl}/admin/users");
        await WaitInteractiveAsync(admin);
        await admin.ClickAsync("button:has-text('新建用户')");
        var dialog = admin.Locator(".mud-dialog");
        await dialog.GetByLabel("用户名").FillAsync(userName);
        await dialog.GetByLabel("姓名/名称").FillAsync("测试账号");
        await dialog.Locator(".mud-select").First.ClickAsync(); // the role
        await admin.ClickAsync($".mud-popover-open .mud-list-item:has-text('{role}')");
        await dialog.GetByLabel("所属单位").FillAsync(unitSearch);
        await admin.ClickAsync($".mud-popover-open .mud-list-item:has-text('{unitName}')");
        await dialog.GetByLabel("初始密码").FillAsync("Strong@Pass1");
        await dialog.Locator("button:has-text('保存')").ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = userName, Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>A page in a fresh browser context, signed out, whose console is watched for refusals under the Content-Security-Policy.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "zh-CN", StorageState = storageState,
        });
        _opened.Enqueue(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => CspViolations.Record(page.Url, message.Text);
        return page;
    }

    /// <summary>The browser contexts the running journey opened, closed when it ends (<see cref="ClosesItsPagesAttribute"/>).</summary>
    private readonly ConcurrentQueue<IBrowserContext> _opened = new();

    /// <summary>
    /// On the collection: a journey's pages are closed when it ends. Left open, each kept its circuit on the portal and its
    /// renderer in Chromium: twenty idle signed-in pages took a tenth of a core from the journeys after them.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class ClosesItsPagesAttribute : BeforeAfterTestAttribute
    {
        // Closed from the thread pool: After is synchronous, and xunit's own context must not wait on itself.
        public override void After(MethodInfo methodUnderTest) => Task.Run(async () =>
        {
            while (Journeys?._opened.TryDequeue(out var context) == true) await context.CloseAsync();
        }).GetAwaiter().GetResult();
    }

    /// <summary>Blazor navigates inside the page (history API, or a redirect while prerendering): wait for the URL, not a load event.</summary>
    public static readonly PageWaitForURLOptions InPage = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>Asks until the answer is <paramref name="done"/> (every half second unless told), for a minute unless told.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> ask, Func<T, bool> done, TimeSpan? timeout = null, TimeSpan? pollEvery = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var answer = await ask();
            if (done(answer)) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not done in {(timeout ?? TimeSpan.FromMinutes(1)).TotalSeconds} s; last answer: {answer}");
            await Task.Delay(pollEvery ?? TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>Prerendered HTML arrives before the circuit: clicks only work once the layout says it is interactive.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#interactive-marker[data-interactive='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Resizes an open page as a user turning a tablet or narrowing a window would, and waits for the layout to follow: below
    /// MudBlazor's md breakpoint the responsive drawer closes and gives the content its width back once the breakpoint listener fires.
    /// </summary>
    public static async Task ResizeAsync(IPage page, int width, int height = 900)
    {
        await page.SetViewportSizeAsync(width, height);
        // The drawer closes with a slide: wait until it is off the screen, not only marked closed.
        if (width < 960)
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-drawer')].every(d => !d.classList.contains('mud-drawer--open') && d.getBoundingClientRect().right <= 1)");
        else // and wider again, it slides back in and pushes the content aside: wait until it stands, or a click lands where the content was
            await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.mud-drawer--open')].every(d => d.getBoundingClientRect().left >= 0)");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Process.DisposeAsync();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            if (File.Exists(file)) File.Delete(file);
        if (Directory.Exists(_database + "-files")) Directory.Delete(_database + "-files", recursive: true);
    }
}

[CollectionDefinition(Name), CspViolations.FailTheJourney, PortalServer.ClosesItsPages]
public sealed class PortalCollection : ICollectionFixture<PortalServer>
{
    public const string Name = "portal";
}
