using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using EduGov.Tests;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace EduGov.E2E;

/// <summary>
/// Visits every page each role can reach, by following the links the portal shows it from the home page, at desktop and
/// phone widths and in both languages, and fails on what only eyes used to catch: a resource key or code identifier on the
/// screen, a page wider than the window, a console error, a response of 500 or more, and an axe violation rated serious
/// or critical against WCAG 2.1 AA (GB/T 37668-2019 builds on it). It only reads: no button is pressed, nothing changes.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class PageSweepTests(PortalServer portal, ITestOutputHelper output)
{
    private static readonly int[] Widths = [1440, 390];
    private static readonly string[] Cultures = ["zh-CN", "en-US"];

    /// <summary>Routes no link leads to for a signed-in user (account steps, the not-found page), a document's print preview
    /// (a printed page: the document tests read it), and a bulletin and an archived document, of which the demo has none
    /// until the jobs make one (BulletinJourneyTests and DocumentJourneyTests open them).</summary>
    private static readonly string[] Unlinked =
        ["/account/2fa", "/account/2fa/setup", "/account/denied", "/account/login", "/not-found", "/documents/preview", "/bulletins/{Id:int}", "/documents/{Id:int}"];

    private static readonly string[] Roles = ["admin", "commission", "district", "principal", "inspector"];

    [Fact]
    public async Task EveryPage_AsEveryRole_AtBothWidths_InBothLanguages_ShowsNoKeysNoOverflowNoErrors_AndPassesAxe()
    {
        using var log = new StreamWriter(Path.Combine(PortalServer.Root, "artifacts", "sweep.txt")) { AutoFlush = true };
        var problems = new List<string>();
        void Report(IEnumerable<string> found)
        {
            lock (problems)
                foreach (var problem in found.Distinct().Except(problems).ToList()) { problems.Add(problem); log.WriteLine($"  {problem}"); }
        }
        var total = Stopwatch.StartNew();
        Report(await SweepSignInAsync());
        // The roles sweep side by side, three at a time: much of a page's time is spent waiting on the circuit, not computing.
        var firsts = new ConcurrentDictionary<string, string>();
        using var gate = new SemaphoreSlim(3);
        var swept = await Task.WhenAll(Roles.Select(async role =>
        {
            await gate.WaitAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                var urls = await SweepAsync(role, firsts, Report);
                lock (problems) log.WriteLine($"{role}: {urls.Count} pages in {watch.Elapsed.TotalSeconds:F0} s: {string.Join(" ", urls)}");
                return urls;
            }
            finally { gate.Release(); }
        }));
        var visited = swept.SelectMany(u => u).ToList();
        var summary = $"in all: {visited.Count} pages × roles in Chinese at {Widths[0]} px; {firsts.Count} routes × languages as the first role " +
            $"to reach them (in Chinese at {Widths[1]} px too, and through axe at {Widths[0]} px; the home page at both); the sign-in page × 4; in {total.Elapsed.TotalSeconds:F0} s " +
            $"({string.Join(", ", Spending.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value.TotalSeconds:F0} s"))} over all roles)";
        log.WriteLine(summary);
        output.WriteLine(summary);

        var unreached = Routes.Where(r => !Unlinked.Contains(r.Template) && !visited.Any(v => r.Pattern.IsMatch(v.Split('?')[0]))).Select(r => r.Template);
        Report(unreached.Select(r => $"no role reached {r} by following links"));
        problems.ShouldBeEmpty(summary);
    }

    /// <summary>
    /// Signs in as the role and follows every link it is shown from the home page, checking each page where it is found
    /// (in Chinese), then in English the pages no other role has read in English yet. What is slow runs once per route and
    /// language, as the first role that reaches it: the phone width, axe and the tabs. They see the layout and the markup,
    /// which differ little between roles; the Chinese text, which carries each role's data, is checked for every role.
    /// </summary>
    private async Task<List<string>> SweepAsync(string role, ConcurrentDictionary<string, string> firsts, Action<IEnumerable<string>> report)
    {
        var page = await portal.SignInAsync(role);
        var problems = new List<string>();
        Watch(page, problems, role);
        var found = new Dictionary<string, string> { ["/"] = "/" };
        var queue = new Queue<string>(["/"]);
        while (queue.TryDequeue(out var url))
        {
            await CheckAsync(page, role, Cultures[0], url, firsts, problems);
            var hrefs = (await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.getAttribute('href'))")).ToList();
            // A tab's content is only rendered when it is chosen: each role opens each of them, in Chinese.
            var tabs = await page.Locator(".mud-tabs-tabbar .mud-tab:not(.mud-tab-active)").CountAsync();
            for (var tab = 0; tab < tabs; tab++)
            {
                await page.Locator(".mud-tabs-tabbar .mud-tab:not(.mud-tab-active)").Nth(tab).ClickAsync();
                if (await SettledAsync(page) is { } stuck) problems.Add($"{role} {url} tab {tab + 2}: {stuck}");
                problems.AddRange((await CheckAsync(page, axe: false)).Select(p => $"{role} zh-CN {Widths[0]}px {url} tab {tab + 2}: {p}"));
                hrefs.AddRange(await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.getAttribute('href'))"));
            }
            foreach (var href in hrefs.Where(h => h.StartsWith('/') && !h.StartsWith("//")))
            {
                if (Routes.FirstOrDefault(r => r.Pattern.IsMatch(href.Split('?', '#')[0])) is not { } route || Unlinked.Contains(route.Template)) continue;
                if (found.TryAdd(route.Template, href)) queue.Enqueue(href);
            }
            report(problems);
        }
        await page.GotoAsync($"{portal.BaseUrl}/culture/{Cultures[1]}?returnUrl=%2F");
        // In English, the words are the resources', the same for every role: one role per route reads them.
        foreach (var url in found.Values.Where(u => firsts.GetOrAdd($"{TemplateOf(u)} {Cultures[1]}", role) == role))
        {
            await CheckAsync(page, role, Cultures[1], url, firsts, problems);
            report(problems);
        }
        await page.GotoAsync($"{portal.BaseUrl}/culture/{Cultures[0]}?returnUrl=%2F");
        await page.Context.CloseAsync();
        return [.. found.Values];
    }

    private static string TemplateOf(string url) => Routes.First(r => r.Pattern.IsMatch(url.Split('?', '#')[0])).Template;

    /// <summary>
    /// Every role's text at the desktop width. As the first role to reach the route: in Chinese the phone width too, and axe
    /// at the desktop width (the home page at both); in English the text at the desktop width only (and axe on the home page).
    /// </summary>
    private async Task CheckAsync(IPage page, string role, string culture, string url, ConcurrentDictionary<string, string> firsts, List<string> problems)
    {
        var opened = Stopwatch.StartNew();
        if (await OpenAsync(page, url) is { } stuck) problems.Add($"{role} {culture} {url}: {stuck}");
        Spent("opening pages", opened);
        var first = firsts.GetOrAdd($"{TemplateOf(url)} {culture}", role) == role;
        var chinese = culture == Cultures[0];
        var home = url == "/";
        problems.AddRange((await CheckAsync(page, axe: first && (chinese || home))).Select(p => $"{role} {culture} {Widths[0]}px {url}: {p}"));
        await ShootAsync(page, role, culture, Widths[0], url);
        if (first && (chinese || home))
        {
            var resized = Stopwatch.StartNew();
            await PortalServer.ResizeAsync(page, Widths[1]);
            Spent("resizing", resized);
            // axe reads the markup, which is the same at both widths but for the app bar every page shares: the home page
            // checks it (a table's cards at 390 px are its cells, styled).
            problems.AddRange((await CheckAsync(page, axe: chinese && home)).Select(p => $"{role} {culture} {Widths[1]}px {url}: {p}"));
            await ShootAsync(page, role, culture, Widths[1], url);
            resized.Restart();
            await PortalServer.ResizeAsync(page, Widths[0]);
            Spent("resizing", resized);
        }
    }

    /// <summary>With EDUGOV_SWEEP_SHOTS=1, every page the sweep checks is kept as a picture (artifacts/screenshots/sweep) for
    /// a person to look through; off by default, as the pictures double the sweep's time.</summary>
    private static async Task ShootAsync(IPage page, string role, string culture, int width, string url)
    {
        if (Environment.GetEnvironmentVariable("EDUGOV_SWEEP_SHOTS") != "1") return;
        var name = $"{role}-{culture}-{width}{NonWord().Replace(url.Split('#')[0], "-").TrimEnd('-')}.png";
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "sweep", name), FullPage = true });
    }

    [Fact]
    public async Task ByKeyboard_TheFirstTabStopSkipsToTheContent_AndFocusIsVisible()
    {
        var page = await portal.SignInAsync("principal");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement.className")).ShouldBe("skip-link");
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        box.ShouldNotBeNull().Y.ShouldBeGreaterThanOrEqualTo(0, "the skip link comes into view when it has the focus");

        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement.id === 'main-content'");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<bool>("() => document.getElementById('main-content').contains(document.activeElement)"))
            .ShouldBeTrue("the next Tab stop is in the page's content, not the navigation");
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle")).ShouldNotBe("none");
        await page.Context.CloseAsync();
    }

    private async Task<List<string>> SweepSignInAsync()
    {
        var page = await portal.NewPageAsync();
        var problems = new List<string>();
        Watch(page, problems, "signed out");
        foreach (var culture in Cultures)
        {
            await page.GotoAsync($"{portal.BaseUrl}/culture/{culture}?returnUrl=%2Faccount%2Flogin");
            await page.WaitForSelectorAsync("#username");
            foreach (var width in Widths)
            {
                await page.SetViewportSizeAsync(width, 900);
                problems.AddRange((await CheckAsync(page, axe: true)).Select(p => $"signed out {culture} {width}px /account/login: {p}"));
            }
        }
        await page.Context.CloseAsync();
        return problems;
    }

    private sealed record Route(string Template, Regex Pattern);

    private static readonly IReadOnlyList<Route> Routes = Directory
        .EnumerateFiles(Path.Combine(PortalServer.Root, "EduGov.Web", "Components"), "*.razor", SearchOption.AllDirectories)
        .SelectMany(File.ReadLines).Select(l => PageDirective().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)
        .Distinct().Select(t => new Route(t, new Regex("^" + RouteParameter().Replace(Regex.Escape(t).Replace(@"\{", "{"), "[^/]+") + "$")))
        .OrderBy(r => r.Template.Contains('{')).ThenBy(r => r.Template, StringComparer.Ordinal).ToList(); // /plans/new before /plans/{Id}

    /// <summary>Opens a page and waits for its data: a page that loads after the circuit starts spins until its data is there.</summary>
    private async Task<string?> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(portal.BaseUrl + url);
        await PortalServer.WaitInteractiveAsync(page);
        return await SettledAsync(page);
    }

    private static async Task<string?> SettledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => " + PageReady.NothingLoading,
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            return null;
        }
        catch (TimeoutException)
        {
            return "still loading after 15 s";
        }
    }

    /// <summary>Where the sweep's time goes, summed over the roles running side by side: the summary names it.</summary>
    private static readonly ConcurrentDictionary<string, TimeSpan> Spending = new();

    private static void Spent(string what, Stopwatch watch) => Spending.AddOrUpdate(what, watch.Elapsed, (_, sum) => sum + watch.Elapsed);

    private static void Watch(IPage page, List<string> problems, string who)
    {
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"{who} {page.Url}: console error: {message.Text}"); };
        page.PageError += (_, error) => problems.Add($"{who} {page.Url}: script error: {error}");
        page.Response += (_, response) => { if (response.Status >= 500) problems.Add($"{who}: {response.Status} from {response.Url}"); };
    }

    private static async Task<List<string>> CheckAsync(IPage page, bool axe)
    {
        var problems = new List<string>();
        var text = await page.InnerTextAsync("body");
        foreach (Match leak in VisibleCode().Matches(text))
            if (!Allowed.Contains(leak.Value)) problems.Add($"shows \"{leak.Value}\"");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        if (widths is [var scrollWidth, var width] && scrollWidth > width + 1) problems.Add($"scrolls sideways ({scrollWidth} px wide in {width})");

        if (axe)
        {
            var axed = Stopwatch.StartNew();
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                // Only violations are read: axe then stops collecting every passing node, much of its time on a large page.
                ResultTypes = [ResultType.Violations],
            });
            Spent("axe", axed);
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                problems.Add($"axe {violation.Impact} {violation.Id} ({violation.Help}): {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))}");
        }
        return problems;
    }

    /// <summary>Words that look like code but are the product's own: names of platforms and standards.</summary>
    private static readonly HashSet<string> Allowed = ["EduGov", "WeChat", "WeCom", "DingTalk", "PostgreSQL", "JavaScript", "OpenAPI"];

    [GeneratedRegex(@"^@page ""([^""]+)""")]
    private static partial Regex PageDirective();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>A resource key (Training.NoneMatching), a field (_recordsError), an enum name (OnTrack) or a bare boolean.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+\.[A-Z][A-Za-z]+\b|(?<![\w.])_[a-z]\w+|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b(?:True|False)\b")]
    private static partial Regex VisibleCode();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
