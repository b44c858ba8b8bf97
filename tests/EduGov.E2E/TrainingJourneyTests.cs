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
        await page.Locator("#compliance-table tr", new PageLocatorOptions { HasText = "CQ5-21" }).ClickAsync();
        var shortList = page.Locator("#short-table[data-indicator='CQ5-21']");
        await shortList.WaitForAsync();
        var staffNumber = (await shortList.Locator("tbody tr td").Nth(1).TextContentAsync())!.Trim();
        var name = (await shortList.Locator("tbody tr td").Nth(2).TextContentAsync())!.Trim();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-school.png"), FullPage = true });
        var file = Path.Combine(Path.GetTempPath(), $"training-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"证书编号,学校代码,教职工号,姓名,课程编号,完成日期,学时,实践学时\nE2E-{staffNumber},5001030001,{staffNumber},{name},NT2-101,2020-06-01,30,20\n");

        await page.ClickAsync("a[href='/training/import']");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator(".records-upload input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator(".import-done")).ToContainTextAsync("新增 1 行", new LocatorAssertionsToContainTextOptions { Timeout = 30_000 });
        // The page is ready for the next file at once, on a desk and on a phone.
        await Assertions.Expect(page.Locator("#choose-training-file")).ToBeEnabledAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-import.png"), FullPage = true });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-import-390.png"), FullPage = true });
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);
        await PortalServer.ResizeAsync(page, 1440);
        File.Delete(file);

        await page.ClickAsync("a[href='/training']");
        await share.WaitForAsync();
        var after = decimal.Parse((await share.TextContentAsync())!.Trim().TrimEnd('%'));
        after.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task Commission_DrillsDownFromTheCityToADistrict()
    {
        var page = await portal.SignInAsync("commission");
        await page.GotoAsync($"{portal.BaseUrl}/training");
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#comparison-table").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-city.png"), FullPage = true });

        await page.Locator("#comparison-table a", new PageLocatorOptions { HasText = "渝中区" }).ClickAsync();
        await Assertions.Expect(page.Locator("#training-unit")).ToContainTextAsync("渝中区");
        await page.Locator("#hours-distribution").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-district.png"), FullPage = true });

        // The district's share, asked why: its schools' teachers who met the rule over those it applies to.
        var share = page.Locator("td.compliance-share[data-code='CQ5-21']");
        await share.Locator("button.open-sources").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".source-formula")).ToContainTextAsync("达标教师数 ÷ 适用教师数");
        await Assertions.Expect(dialog.Locator(".source-value")).ToHaveTextAsync((await share.InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-sources-1440.png") });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-sources-390.png") });

        // Like with like: the district's primary schools only, each share its own, places among them.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await PortalServer.ResizeAsync(page, 1440);
        var schools = await page.Locator("#comparison-table tbody tr").CountAsync();
        await page.Locator(".type-filter").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "小学" }).First.ClickAsync();
        await page.WaitForURLAsync("**type=Primary**", PortalServer.InPage);
        await Assertions.Expect(page.Locator("#training-filtered")).ToContainTextAsync("按所选学校的教师重新计算");
        await Assertions.Expect(page.Locator("#comparison-table tbody tr").First).ToContainTextAsync("小学");
        (await page.Locator("#comparison-table tbody tr").CountAsync()).ShouldBeLessThan(schools);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-like-schools-1440.png"), FullPage = true });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-like-schools-390.png"), FullPage = true });
    }

    [Fact]
    public async Task District_RecordsACourseForATeacher_AndSeesTheTeacherMeetTheRule()
    {
        var page = await portal.SignInAsync("district");
        await page.ClickAsync("a[href='/training/teachers']");
        await page.FillAsync(".search input", "0001010");
        var row = page.Locator("#teacher-table tbody tr", new PageLocatorOptions { HasText = "0001010" });
        await row.Locator(".open-teacher").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("#record-table").WaitForAsync();

        await dialog.Locator(".course-picker").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "LD-201" }).ClickAsync();
        await dialog.Locator(".certificate input").FillAsync($"E2E-LD-{Guid.NewGuid():N}"[..20]);
        await dialog.Locator(".completed-on input").FillAsync("2020-05-20");
        await dialog.Locator(".completed-on input").PressAsync("Tab");
        await page.ClickAsync("#add-record");

        await Assertions.Expect(dialog.Locator("#record-table")).ToContainTextAsync("LD-201");
        await Assertions.Expect(dialog.Locator("#teacher-standings tr", new LocatorLocatorOptions { HasText = "CQ5-20" })).ToContainTextAsync("已达标");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-teacher-file.png"), FullPage = true });

        await dialog.Locator("button", new LocatorLocatorOptions { HasText = "关闭" }).ClickAsync();
        await page.ClickAsync("a[href='/training/rules']");
        await page.Locator("#rule-table").WaitForAsync();
        await page.ClickAsync("a[href='/training/courses']");
        await page.Locator("#course-table").WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "training-courses.png"), FullPage = true });
    }
}
