using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class TrainingJourneyTests(PortalServer portal)
{
    [Fact]
    public async Task Principal_ImportsARecordThroughThePage_AndTheComplianceShareRises()
    {
        var page = await portal.SignInAsync("principal");
        await page.ClickAsync("a[href='/training']");
        var share = page.Locator(".compliance-share[data-code='CQ5-21']");
        await share.WaitForAsync();
        var before = decimal.Parse((await share.TextContentAsync())!.Trim().TrimEnd('%'));

        // The follow-up list names a teacher still short of 重庆's 素养 training; the platform's file records their course.
        await page.Locator("#compliance-table tr", new PageLocatorOptions { HasText = "CQ5-21" }).Locator("button").ClickAsync();
        var staffNumber = (await page.Locator("#short-table tbody tr td").Nth(1).TextContentAsync())!.Trim();
        var file = Path.Combine(Path.GetTempPath(), $"training-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时\nE2E-{staffNumber},5001030001,{staffNumber},教师,NT2-101,2020-06-01,30,20\n");

        await page.ClickAsync(".mud-tab:has-text('导入培训记录')");
        await page.SetInputFilesAsync("input[type=file]", file);
        await Assertions.Expect(page.Locator("#training-import-done")).ToContainTextAsync("新增 1 条", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-import.png"), FullPage = true });
        File.Delete(file);

        await page.ClickAsync(".mud-tab:has-text('达标情况')");
        await share.WaitForAsync();
        var after = decimal.Parse((await share.TextContentAsync())!.Trim().TrimEnd('%'));
        after.ShouldBeGreaterThan(before);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-compliance.png"), FullPage = true });
    }
}
