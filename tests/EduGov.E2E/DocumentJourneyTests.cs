using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class DocumentJourneyTests(PortalServer portal)
{
    [Fact]
    public async Task Commission_RunsTheWhitePaperJob_FromTheSchedulingPage_AndDownloadsWhatItMade()
    {
        var page = await portal.SignInAsync("commission");
        await page.ClickAsync("a[href='/jobs']");
        await PortalServer.WaitInteractiveAsync(page);
        var job = page.Locator("#job-table tbody tr", new PageLocatorOptions { Has = page.Locator("[data-job='make-white-papers']") });
        await Assertions.Expect(job.Locator(".schedule-text")).ToHaveTextAsync("每年1月20日 04:00");

        await job.Locator(".run-now").ClickAsync();
        await Assertions.Expect(job.Locator(".run-outcome")).ToHaveTextAsync("成功", new LocatorAssertionsToHaveTextOptions { Timeout = 90_000 });
        await Assertions.Expect(job.Locator(".last-result")).ToContainTextAsync("个市的 2025 年白皮书");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "jobs.png"), FullPage = true });

        await job.Locator(".history").ClickAsync();
        await Assertions.Expect(page.Locator("#run-table tbody tr").First).ToContainTextAsync("手动运行");
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "关闭" }).ClickAsync();

        await page.ClickAsync("a[href='/documents']");
        var row = page.Locator("#document-table tbody tr", new PageLocatorOptions { HasText = "重庆市2025年教育信息化发展状况白皮书" }).First;
        await Assertions.Expect(row).ToContainTextAsync("重庆市教委信息化处");
        await AssertDownloadsAPdfAsync(page, row);
    }

    [Fact]
    public async Task Commission_MakesTheWhitePaper_FromThePage_AndDownloadsThePdf()
    {
        var page = await portal.SignInAsync("commission");
        await page.ClickAsync("a[href='/documents']");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#document-table").WaitForAsync();
        await Assertions.Expect(page.Locator(".document-unit")).ToContainTextAsync("重庆市");

        await page.ClickAsync("#make-pdf");
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已生成", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        // The newest first; the white-paper job's journey may have made an earlier version.
        var row = page.Locator("#document-table tbody tr", new PageLocatorOptions { HasText = "重庆市2025年教育信息化发展状况白皮书" }).First;
        await Assertions.Expect(row.Locator(".version")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^v\d+$"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "documents.png"), FullPage = true });

        await AssertDownloadsAPdfAsync(page, row);
    }

    [Fact]
    public async Task Commission_OpensAVersionsFigures_AndComparesItWithTheOneBefore_OnADeskAndAPhone()
    {
        var page = await portal.SignInAsync("commission");
        await page.ClickAsync("a[href='/documents']");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#document-table").WaitForAsync();
        await page.Locator(".document-number input").FillAsync("渝教信〔2026〕3号");
        var row = page.Locator("#document-table tbody tr", new PageLocatorOptions { HasText = "重庆市2025年教育信息化发展状况白皮书" }).First;
        var version = await row.CountAsync() == 0 ? 0 : int.Parse((await row.Locator(".version").InnerTextAsync()).TrimStart('v'));
        for (var i = 0; i < 2; i++)
        {
            await page.ClickAsync("#make-pdf");
            await Assertions.Expect(row.Locator(".version")).ToHaveTextAsync($"v{++version}", new LocatorAssertionsToHaveTextOptions { Timeout = 60_000 });
        }

        await row.Locator(".document-figures").ClickAsync();
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#document-version")).ToContainTextAsync($"第 {version} 版");
        await Assertions.Expect(page.Locator("#document-figures tbody tr").First).ToContainTextAsync("学校数");
        await page.Locator(".figure-search input").FillAsync("渝中区");
        await Assertions.Expect(page.Locator("#document-figures tbody tr").First).ToContainTextAsync("渝中区");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "document-figures-1440.png"), FullPage = true });

        await page.ClickAsync(".compare-with");
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = $"第 {version - 1} 版" }).ClickAsync();
        // Nothing changed between two prints a moment apart: the comparison says so rather than listing every figure.
        await Assertions.Expect(page.Locator("#changes-title")).ToContainTextAsync($"第 {version - 1} 版与第 {version} 版相比有变化的数据（0 项）");
        await Assertions.Expect(page.Locator("#figure-changes")).ToContainTextAsync("两个版本的数据完全相同");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "document-compare-1440.png"), FullPage = true });

        await page.GotoAsync($"{page.Url.Split('?')[0]}");
        await PortalServer.ResizeAsync(page, 390, 844);
        await Assertions.Expect(page.Locator("#document-figures tbody tr").First).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "document-figures-390.png") });
    }

    private static async Task AssertDownloadsAPdfAsync(IPage page, ILocator row)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator(".download-document").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"edugov-e2e-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            (await File.ReadAllBytesAsync(file)).Take(5).ShouldBe("%PDF-"u8.ToArray());
            download.SuggestedFilename.ShouldContain("白皮书");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
