using Microsoft.Playwright;
using EduGov.Tests;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class SecurityJourneyTests(PortalServer portal)
{
    /// <summary>One figure of the stat cards, read afresh after the circuit has rendered the page.</summary>
    private static async Task<string> StatAsync(IPage page, string label)
    {
        await page.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#system-table").WaitForAsync();
        var card = page.Locator(".stat-card", new PageLocatorOptions { HasText = label }).Locator(".stat-value");
        return (await card.TextContentAsync())!.Trim();
    }

    private static Task<string> DistrictAssessedRateAsync(IPage district) => StatAsync(district, "三级以上按期测评率");

    /// <summary>The district's rate once it differs from <paramref name="old"/>, read again for up to 15 s: a starved machine
    /// was once seen to serve the page before the change (3 December 2026).</summary>
    private static Task<string> DistrictAssessedRateChangedFromAsync(IPage district, string old) =>
        PortalServer.PollAsync(() => DistrictAssessedRateAsync(district), rate => rate != old, TimeSpan.FromSeconds(15));

    [Fact]
    public async Task School_RegistersALevel3System_RecordsAnAssessmentWithAFinding_FixesIt_AndTheDistrictsRateChanges()
    {
        var district = await portal.SignInAsync("district");
        await district.ClickAsync("a[href='/security']");
        await district.Locator("#system-table").WaitForAsync();
        var before = await DistrictAssessedRateAsync(district);
        var openBefore = await StatAsync(district, "待整改");

        var principal = await portal.SignInAsync("principal");
        await principal.ClickAsync("a[href='/security']");
        await principal.ClickAsync("#add-system");
        await principal.Locator(".system-name input").FillAsync("E2E 智慧校园平台");
        await principal.Locator(".responsible input").FillAsync("信息中心王老师");
        await principal.ClickAsync(".level-picker");
        await principal.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "第3级" }).ClickAsync();
        await principal.ClickAsync("#save-system");
        var row = principal.Locator("#system-table tr", new PageLocatorOptions { HasText = "E2E 智慧校园平台" });
        await Assertions.Expect(row).ToContainTextAsync("第3级");
        var unassessed = await DistrictAssessedRateChangedFromAsync(district, before);
        unassessed.ShouldNotBe(before);   // one more level-3 system, not yet assessed

        await row.Locator(".record-assessment").ClickAsync();
        await principal.Locator(".assessment-body input").FillAsync("重庆市信息安全测评中心");
        await principal.ClickAsync("#add-finding");
        await principal.Locator(".finding-text input").FillAsync("区域边界未部署入侵防范设备");
        await principal.Locator(".finding-owner input").FillAsync("王老师");
        await principal.ClickAsync("#save-assessment");
        await Assertions.Expect(row).ToContainTextAsync("基本符合");
        (await DistrictAssessedRateChangedFromAsync(district, unassessed)).ShouldNotBe(unassessed);

        await principal.ClickAsync(".mud-tab:has-text('整改事项')");
        await principal.Locator("#item-table .fix-item").First.ClickAsync();
        await principal.Locator(".fix-evidence textarea").FillAsync("已部署 IPS，策略截图存档");
        await principal.Locator(".evidence-upload input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "IPS策略截图.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf,
        });
        await Assertions.Expect(principal.Locator(".mud-dialog .evidence-file")).ToContainTextAsync("IPS策略截图.pdf");
        await principal.ClickAsync("#save-fix");
        await Assertions.Expect(principal.Locator("#item-table")).Not.ToContainTextAsync("区域边界未部署入侵防范设备");
        await principal.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "security-school.png"), FullPage = true });
        (await StatAsync(district, "待整改")).ShouldBe(openBefore);
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "security-district.png"), FullPage = true });
        await PortalServer.ResizeAsync(district, 390);
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "security-district-390.png"), FullPage = true });
    }

    [Fact]
    public async Task District_RecordsADrill_AndItCountsAsThisYearsDrill()
    {
        var district = await portal.SignInAsync("district");
        await district.ClickAsync("a[href='/security']");
        await district.ClickAsync(".mud-tab:has-text('检查演练')");
        await district.ClickAsync("#add-check");
        await district.ClickAsync(".check-kind");
        await district.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = "应急演练" }).ClickAsync();
        await district.Locator(".check-title input").FillAsync("全区网络安全攻防对抗演练");
        await district.Locator(".check-scope input").FillAsync("区教育城域网及 12 所学校");
        await district.Locator(".check-participants input").FillAsync("区教委、区电教馆、学校信息中心");
        await district.Locator(".check-report textarea").FillAsync("演练达到预期，发现弱口令 2 处，已当场整改");
        await district.ClickAsync("#save-check");

        await Assertions.Expect(district.Locator("#check-table")).ToContainTextAsync("全区网络安全攻防对抗演练");
        await Assertions.Expect(district.Locator(".stat-card", new PageLocatorOptions { HasText = "本年演练" }).Locator(".stat-value")).ToContainTextAsync("/ 1");
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "security-drill.png"), FullPage = true });
    }

    [Fact]
    public async Task District_RecordsASchoolsSurveillanceAccess_AndTheConnectionRateRises()
    {
        var district = await portal.SignInAsync("district");
        await district.ClickAsync("a[href='/security']");
        await district.Locator("#system-table").WaitForAsync();
        var before = await StatAsync(district, "视频监控接入率");

        await district.ClickAsync(".mud-tab:has-text('视频监控接入')");
        await district.ClickAsync(".only-incomplete");
        var first = district.Locator("#surveillance-table tbody tr").First;
        await Assertions.Expect(first).Not.ToContainTextAsync("3 / 3");
        var school = (await first.Locator("td").Nth(1).TextContentAsync())!;
        await first.Locator(".edit-surveillance").ClickAsync();
        foreach (var area in new[] { ".area-canteen", ".area-gate", ".area-playground" })
            await district.Locator($".mud-dialog {area} input").SetCheckedAsync(true);
        await district.ClickAsync("#save-surveillance");
        await Assertions.Expect(district.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await Assertions.Expect(district.Locator("#surveillance-table")).Not.ToContainTextAsync(school);   // fully connected now
        (await StatAsync(district, "视频监控接入率")).ShouldNotBe(before);
        await district.ClickAsync(".mud-tab:has-text('视频监控接入')");
        await Assertions.Expect(district.Locator("#surveillance-table")).ToContainTextAsync(school);
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "security-surveillance.png"), FullPage = true });
    }
}
