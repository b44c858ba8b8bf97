using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class DocumentJourneyTests(PortalServer portal)
{
    [Fact]
    public async Task Commission_MakesTheWhitePaper_FromThePage_AndDownloadsThePdf()
    {
        var page = await portal.SignInAsync("commission");
        await page.ClickAsync("a[href='/documents']");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#document-table").WaitForAsync();
        await Assertions.Expect(page.Locator(".document-unit")).ToContainTextAsync("重庆市");

        await page.ClickAsync("#make-pdf");
        var row = page.Locator("#document-table tbody tr", new PageLocatorOptions { HasText = "重庆市2025年教育信息化发展状况白皮书" });
        await Assertions.Expect(row).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = 60_000 });
        await Assertions.Expect(row.Locator(".version")).ToHaveTextAsync("v1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "documents.png"), FullPage = true });

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
