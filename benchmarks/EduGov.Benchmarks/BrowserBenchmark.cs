using System.Diagnostics;
using EduGov.Infrastructure.Supervision;
using EduGov.Tests;
using Microsoft.Playwright;

/// <summary>
/// Speed where people feel it: the built portal started on the benchmark's database, N people signed in at once (headless
/// Chromium contexts, the roles in turn), each opening the dashboards and lists of its role; the time from navigation to
/// the page's content (the circuit live and nothing loading), p50/p95 per page, the errors, and the portal's memory for
/// each idle circuit (what N more idle pages add to its resident memory, over N).
/// Budget on 2 cores: p95 ≤ 500 ms a page with 50 people, no error, ≤ 1 MB a circuit.
/// With a <c>url</c> the browsers open a portal already running elsewhere (on a machine of its own, so that 50 Chromium pages
/// do not take the portal's cores): its processor time and memory are then read on that machine, not here.
/// </summary>
internal static class BrowserBenchmark
{
    private const double BudgetMs = 500, CircuitBudgetMb = 1;

    /// <summary>What each role opens, in its order of a working morning.</summary>
    private static readonly (string Role, string[] Pages)[] Journeys =
    [
        ("commission", ["/", "/coverage", "/warnings", "/filing", "/security", "/training", "/plans"]),
        ("district", ["/", "/filing", "/coverage", "/security", "/training/teachers"]),
        ("principal", ["/", "/filing", "/training/teachers", "/security"]),
        ("inspector", ["/", "/supervision/inspections", "/supervision/rectifications", "/coverage"]),
    ];

    public static async Task<bool> RunAsync(IReadOnlyDictionary<string, string> settings, int users, int rounds, string? url = null)
    {
        var log = Path.Combine(PortalProcess.Root, "artifacts", "benchmark-portal.log");
        await using var portal = url is null ? new PortalProcess(new Dictionary<string, string>(settings)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["EduGov__Demo__Enabled"] = "true",
            ["Logging__LogLevel__Default"] = "Warning",
        }, log) : null;
        if (portal is not null) await portal.StartAsync();
        var baseUrl = portal?.BaseUrl ?? url!.TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = SystemBrowser.ExecutablePath, Args = SystemBrowser.Arguments,
        });

        // Each role signs in once (an authenticator code opens one sign-in); its people share that session, as one
        // person with several tabs does, each with a circuit of its own.
        var authenticator = new DemoAuthenticator();
        var sessions = new Dictionary<string, string>();
        foreach (var (role, _) in Journeys) sessions[role] = await SignInAsync(browser, baseUrl, role, authenticator);

        var times = new System.Collections.Concurrent.ConcurrentDictionary<string, List<double>>();
        var errors = new System.Collections.Concurrent.ConcurrentBag<string>();
        var pages = new IPage[users];
        var portalProcessor = portal?.ProcessorTime ?? TimeSpan.Zero;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
        {
            var (role, journey) = Journeys[user % Journeys.Length];
            var page = pages[user] = await NewPageAsync(browser, sessions[role]);
            page.Response += (_, response) => { if (response.Status >= 500) errors.Add($"{response.Status} {response.Url}"); };
            page.PageError += (_, error) => errors.Add($"{role} {page.Url}: {error}");
            // The portal is opened by its address once; then, as people work, each page by its link in the open page.
            for (var round = 0; round < rounds; round++)
                foreach (var path in journey)
                {
                    var byAddress = round == 0 && path == journey[0];
                    var watch = Stopwatch.StartNew();
                    if (await (byAddress ? OpenAsync(page, baseUrl + path) : FollowLinkAsync(page, path)) is { } problem) errors.Add($"{role} {path}: {problem}");
                    var list = times.GetOrAdd(byAddress ? $"{role} {path} (address)" : $"{role} {path}", _ => []);
                    lock (list) list.Add(watch.Elapsed.TotalMilliseconds);
                }
        }));
        wall.Stop();
        portalProcessor = (portal?.ProcessorTime ?? TimeSpan.Zero) - portalProcessor;

        // Every person's last page stays open: N idle circuits. N more home pages, opened once every page has been
        // served (its code compiled, its caches filled), are what an idle circuit adds (read where the portal runs).
        double before = 0, after = 0;
        if (portal is not null)
        {
            await Task.Delay(5000);
            before = portal.ResidentMb;
            await Task.WhenAll(Enumerable.Range(0, users).Select(async user =>
            {
                var page = await NewPageAsync(browser, sessions[Journeys[user % Journeys.Length].Role]);
                if (await OpenAsync(page, baseUrl + "/") is { } problem) errors.Add($"idle circuit: {problem}");
            }));
            await Task.Delay(5000);
            after = portal.ResidentMb;
        }
        var perCircuit = (after - before) / users;

        Console.WriteLine($"{users} people at once, {rounds} round(s) each, {wall.Elapsed.TotalSeconds:F1} s in all; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"page",-40} {"opened",6} {"p50 ms",8} {"p95 ms",8} {"max ms",8}  budget p95 ≤ {BudgetMs} ms");
        var over = false;
        foreach (var (name, list) in times.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            list.Sort();
            var p95 = list[(int)Math.Ceiling(0.95 * list.Count) - 1];
            over |= p95 > BudgetMs;
            Console.WriteLine($"{name,-40} {list.Count,6} {list[list.Count / 2],8:F0} {p95,8:F0} {list[^1],8:F0}  {(p95 > BudgetMs ? "OVER" : "ok")}");
        }
        var all = times.Values.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"{"every page",-40} {all.Count,6} {all[all.Count / 2],8:F0} {all[(int)Math.Ceiling(0.95 * all.Count) - 1],8:F0} {all[^1],8:F0}");
        // On one machine the browsers take their share of the cores: what the portal itself used says what it needs.
        if (portal is not null)
            Console.WriteLine($"the portal used {portalProcessor.TotalSeconds:F1} s of processor time, {100 * portalProcessor.TotalSeconds / (wall.Elapsed.TotalSeconds * Environment.ProcessorCount):F0}% " +
            $"of the machine's over the run, {portalProcessor.TotalMilliseconds / all.Count:F0} ms a page");
        var serverErrors = portal is null ? 0 : File.ReadLines(log).Count(l => l.StartsWith("fail:") || l.StartsWith("crit:"));
        Console.WriteLine(portal is null
            ? $"errors: {errors.Count} in the browsers; the portal at {baseUrl} runs elsewhere: its processor time, memory and log are read there"
            : $"errors: {errors.Count} in the browsers, {serverErrors} logged by the portal ({log})");
        foreach (var error in errors.Take(10)) Console.WriteLine($"  {error}");
        if (portal is not null)
            Console.WriteLine($"portal memory (resident): {before:F0} MB with {users} idle circuits, {after:F0} MB with {2 * users}: {perCircuit * 1024:F0} KB a circuit (budget ≤ {CircuitBudgetMb} MB)");
        return over || !errors.IsEmpty || serverErrors > 0 || perCircuit > CircuitBudgetMb;
    }

    private static async Task<string> SignInAsync(IBrowser browser, string baseUrl, string user, DemoAuthenticator authenticator)
    {
        var page = await NewPageAsync(browser, null);
        await page.GotoAsync($"{baseUrl}/account/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", "Demo@12345");
        await page.ClickAsync("button.sign-in");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(baseUrl)}/(account/2fa.*)?$"),
            new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        if (page.Url.Contains("/account/2fa"))
        {
            await page.FillAsync("#code", await authenticator.NextCodeAsync(user));
            await page.ClickAsync("button.verify-code");
            await page.WaitForURLAsync($"{baseUrl}/", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        }
        var state = await page.Context.StorageStateAsync();
        await page.Context.CloseAsync();
        return state;
    }

    private static async Task<IPage> NewPageAsync(IBrowser browser, string? storageState)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 }, Locale = "zh-CN", StorageState = storageState,
        });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A link followed in an open page: the router of its circuit shows the next page, no page load (what Blazor does for
    /// a click on a link). The page is there when the address and the title are no longer the last page's and nothing is loading.
    /// </summary>
    private static async Task<string?> FollowLinkAsync(IPage page, string path)
    {
        try
        {
            var (from, title) = (new Uri(page.Url).AbsolutePath, await page.TitleAsync());
            await page.EvaluateAsync("path => Blazor.navigateTo(path)", path);
            // Not "the address is the link's": a page may send its user on (a district's /filing opens its own review page).
            await page.WaitForFunctionAsync(
                "([from, title]) => location.pathname !== from && document.title !== title && " + PageReady.NothingLoading,
                new[] { from, title }, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
            return null;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException) // or a page reloaded when its circuit was lost
        {
            return $"{e.Message.Split('\n')[0]} ({await WhereAsync(page)})";
        }
    }

    /// <summary>What a page that never became ready shows: its address, its title and what on it is still loading.</summary>
    private static async Task<string> WhereAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<string>("""
                loading => `at ${location.pathname}, titled "${document.title}", loading: ` +
                  ([...document.querySelectorAll(loading)].map(e => e.closest('[id]')?.id ?? e.className).join(', ') || 'nothing')
                """, PageReady.Loading);
        }
        catch (PlaywrightException) { return "the page is gone"; }
    }

    /// <summary>The page's content is there when its circuit is live and nothing on it is loading (as the page sweep waits).</summary>
    private static async Task<string?> OpenAsync(IPage page, string url)
    {
        try
        {
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
            await page.WaitForSelectorAsync("#interactive-marker[data-interactive='true']",
                new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 60_000 });
            await page.WaitForFunctionAsync("() => " + PageReady.NothingLoading,
                null, new PageWaitForFunctionOptions { Timeout = 60_000, PollingInterval = 20 });
            return page.Url.Contains("/account/") ? $"sent to {page.Url}" : null;
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException) // or a page reloaded when its circuit was lost
        {
            return e.Message.Split('\n')[0];
        }
    }
}
