using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class BulletinJourneyTests(PortalServer portal)
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, name), FullPage = true });

    [Fact]
    public async Task Commission_PreviewsAndPublishesTheBulletin_DownloadsIt_AndTheDistrictOpensIt_OnADeskAndOnAPhone()
    {
        var page = await portal.SignInAsync("commission");
        await page.SetViewportSizeAsync(1440, 900);
        await page.ClickAsync("a[href='/bulletins']");
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".bulletin-figures .stat-card")).ToHaveCountAsync(6, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".preview-caption")).ToContainTextAsync("渝教督〔");
        await page.Locator(".text-panel .mud-expand-panel-header").ClickAsync();
        await Assertions.Expect(page.Locator("#bulletin-preview")).ToContainTextAsync("关于2026年度教育信息化工作推进情况的通报");
        await ShotAsync(page, "bulletins-1440.png");

        await page.ClickAsync("#publish");
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "发布通报" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已发布", new LocatorAssertionsToContainTextOptions { Timeout = 60_000 });
        var row = page.Locator("#bulletin-table tbody tr", new PageLocatorOptions { HasText = "关于2026年度教育信息化工作推进情况的通报" }).First;
        await Assertions.Expect(row.Locator(".number")).ToContainTextAsync("渝教督〔");

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator(".download-bulletin").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"edugov-e2e-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(file);
        try
        {
            (await File.ReadAllBytesAsync(file)).Take(5).ShouldBe("%PDF-"u8.ToArray());
            download.SuggestedFilename.ShouldContain("渝教督");
        }
        finally
        {
            File.Delete(file);
        }

        await row.Locator(".open-bulletin").ClickAsync();
        await Assertions.Expect(page.Locator("#version-table")).ToContainTextAsync("重庆市教委信息化处");
        await Assertions.Expect(page.Locator("#named-units")).ToContainTextAsync("个单位");
        await ShotAsync(page, "bulletin-detail-1440.png");
        await page.SetViewportSizeAsync(390, 844);
        await ShotAsync(page, "bulletin-detail-390.png");
        await page.ClickAsync("#publish-again");
        await Assertions.Expect(page.Locator(".bulletin-figures .stat-card")).ToHaveCountAsync(6, new LocatorAssertionsToHaveCountOptions { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#publish")).ToContainTextAsync("发布第 2 版");
        await ShotAsync(page, "bulletins-390.png");

        // The district's staff read their city's bulletins (a 通报 is addressed to every district); they publish none.
        var district = await portal.SignInAsync("district");
        await district.SetViewportSizeAsync(390, 844);
        await district.GotoAsync($"{portal.BaseUrl}/bulletins");
        await PortalServer.WaitInteractiveAsync(district);
        await Assertions.Expect(district.Locator("#publish-bulletin")).ToHaveCountAsync(0);
        await district.Locator("#bulletin-table .open-bulletin").First.ClickAsync();
        await Assertions.Expect(district.Locator("#bulletin-number")).ToContainTextAsync("渝教督〔");
        await Assertions.Expect(district.Locator("#publish-again")).ToHaveCountAsync(0);
        await ShotAsync(district, "bulletin-district-390.png");
    }
}
