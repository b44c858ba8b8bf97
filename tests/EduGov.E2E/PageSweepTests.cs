using System.Diagnostics;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
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

    /// <summary>Routes no link leads to for a signed-in user: account steps, the not-found page, a document's print preview.</summary>
    private static readonly string[] Unlinked = ["/account/2fa", "/account/2fa/setup", "/account/denied", "/account/login", "/not-found", "/documents/preview"];

    private static readonly string[] Roles = ["admin", "commission", "district", "principal", "inspector"];

    [Fact]
    public async Task EveryPage_AsEveryRole_AtBothWidths_InBothLanguages_ShowsNoKeysNoOverflowNoErrors_AndPassesAxe()
    {
        var problems = new List<string>();
        var visited = new List<string>();
        var summary = new List<string>();
        problems.AddRange(await SweepSignInAsync());
        foreach (var role in Roles)
        {
            var watch = Stopwatch.StartNew();
            var (urls, found) = await SweepAsync(role);
            problems.AddRange(found.Distinct());
            visited.AddRange(urls);
            summary.Add($"{role}: {urls.Count} pages × {Widths.Length} widths × {Cultures.Length} languages in {watch.Elapsed.TotalSeconds:F0} s");
            output.WriteLine($"{summary[^1]}\n  {string.Join("\n  ", urls)}");
        }
        summary.Add($"in all: {visited.Count} pages × roles, {visited.Count * Widths.Length * Cultures.Length} page views, and the sign-in page × 4");
        File.WriteAllLines(Path.Combine(PortalServer.Root, "artifacts", "sweep.txt"), summary);

        var unreached = Routes.Where(r => !Unlinked.Contains(r.Template) && !visited.Any(v => r.Pattern.IsMatch(v.Split('?')[0]))).Select(r => r.Template);
        problems.AddRange(unreached.Select(r => $"no role reached {r} by following links"));
        problems.ShouldBeEmpty(string.Join("; ", summary));
    }

    /// <summary>Signs in as the role, finds its pages, and checks each at both widths in both languages (axe at each width in
    /// Chinese and at the desktop width in English: the rules that depend on the language are checked there).</summary>
    private async Task<(List<string> Urls, List<string> Problems)> SweepAsync(string role)
    {
        var page = await portal.SignInAsync(role);
        var problems = new List<string>();
        Watch(page, problems, role);
        var urls = await CrawlAsync(page, problems);
        foreach (var culture in Cultures)
        {
            await page.GotoAsync($"{portal.BaseUrl}/culture/{culture}?returnUrl=%2F");
            foreach (var url in urls)
            {
                if (await OpenAsync(page, url) is { } stuck) problems.Add($"{role} {culture} {url}: {stuck}");
                foreach (var width in Widths)
                {
                    await PortalServer.ResizeAsync(page, width);
                    var axe = culture == Cultures[0] || width == Widths[0];
                    problems.AddRange((await CheckAsync(page, axe)).Select(p => $"{role} {culture} {width}px {url}: {p}"));
                }
                await page.SetViewportSizeAsync(Widths[0], 900);
            }
        }
        await page.GotoAsync($"{portal.BaseUrl}/culture/zh-CN?returnUrl=%2F");
        await page.Context.CloseAsync();
        return (urls, problems);
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
        .OrderBy(r => r.Template).ToList();

    /// <summary>From the home page, follows every link the role is shown, keeping the first address found for each route.</summary>
    private async Task<List<string>> CrawlAsync(IPage page, List<string> problems)
    {
        var found = new Dictionary<string, string> { ["/"] = "/" };
        var queue = new Queue<string>(["/"]);
        while (queue.TryDequeue(out var url))
        {
            if (await OpenAsync(page, url) is { } stuck) problems.Add($"{url}: {stuck}");
            var hrefs = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "links => links.map(a => a.getAttribute('href'))");
            foreach (var href in hrefs.Where(h => h.StartsWith('/') && !h.StartsWith("//")))
            {
                if (Routes.FirstOrDefault(r => r.Pattern.IsMatch(href.Split('?', '#')[0])) is not { } route || Unlinked.Contains(route.Template)) continue;
                if (found.TryAdd(route.Template, href)) queue.Enqueue(href);
            }
        }
        return [.. found.Values];
    }

    /// <summary>Opens a page and waits for its data: a page that loads after the circuit starts spins until its data is there.</summary>
    private async Task<string?> OpenAsync(IPage page, string url)
    {
        await page.GotoAsync(portal.BaseUrl + url);
        await PortalServer.WaitInteractiveAsync(page);
        try
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-indeterminate, .mud-skeleton, .mud-table-loading')",
                null, new PageWaitForFunctionOptions { Timeout = 15_000 });
            return null;
        }
        catch (TimeoutException)
        {
            return "still loading after 15 s";
        }
    }

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
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                problems.Add($"axe {violation.Impact} {violation.Id} ({violation.Help}): {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))}");
        }
        return problems;
    }

    /// <summary>Words that look like code but are the product's own: names of platforms and standards.</summary>
    private static readonly HashSet<string> Allowed = ["EduGov", "WeChat", "DingTalk", "PostgreSQL", "JavaScript", "OpenAPI"];

    [GeneratedRegex(@"^@page ""([^""]+)""")]
    private static partial Regex PageDirective();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();

    /// <summary>A resource key (Training.NoneMatching), a field (_recordsError), an enum name (OnTrack) or a bare boolean.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+\.[A-Z][A-Za-z]+\b|(?<![\w.])_[a-z]\w+|\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b|\b(?:True|False)\b")]
    private static partial Regex VisibleCode();
}
