using System.Text.RegularExpressions;
using Microsoft.Playwright;
using EduGov.Tests;

namespace EduGov.E2E;

/// <summary>督办 from where the lateness is seen to its close, at 1440 px, and the pages and dialogs on a 390 px phone.</summary>
[Collection(PortalCollection.Name)]
public sealed class UrgingJourneyTests(PortalServer portal)
{
    private const string Requirement = "E2E 请于三日内完成渝中区 2026 年度填报并报送进度";

    private static string Shot(string name) => Path.Combine(PortalServer.Screenshots, name);

    private static async Task ShootAsync(IPage page, string name, bool fullPage = true)
    {
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot(name), FullPage = fullPage });
    }

    private async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync($"{portal.BaseUrl}{path}");
        await PortalServer.WaitInteractiveAsync(page);
    }

    private async Task OpenOurUrgingAsync(IPage page)
    {
        await OpenAsync(page, "/urgings");
        await page.Locator("#urging-table tbody tr", new PageLocatorOptions { HasText = Requirement }).Locator("a.open-urging").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/urgings/\d+$"), PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#urging-history").WaitForAsync();
    }

    [Fact]
    public async Task Commission_UrgesALateDistrict_TheDistrictAnswersWithAFile_TheCommissionPressesThenCloses()
    {
        var commission = await portal.SignInAsync("commission");
        await commission.SetViewportSizeAsync(1440, 900);

        // From the filing overview, where the late district is seen.
        await OpenAsync(commission, "/filing");
        await commission.Locator("#completeness-table tbody tr", new PageLocatorOptions { HasText = "渝中区" }).Locator("button.urge").ClickAsync();
        var dialog = commission.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".target-picker input")).ToHaveValueAsync("渝中区");
        await Assertions.Expect(dialog.Locator(".subject-item input").First).ToHaveValueAsync(new Regex("2026年度填报"));
        await dialog.Locator(".requirement-text textarea").FillAsync(Requirement);
        await ShootAsync(commission, "urging-issue-dialog-1440.png", fullPage: false);
        await commission.ClickAsync("#save-urging");
        await Assertions.Expect(commission.Locator(".mud-snackbar")).ToContainTextAsync("督办已发出");

        await OpenAsync(commission, "/urgings");
        await Assertions.Expect(commission.Locator("#urging-table tbody tr", new PageLocatorOptions { HasText = Requirement })).ToContainTextAsync("待答复");
        await Assertions.Expect(commission.Locator("#urging-table")).ToContainTextAsync("已升级至渝中区");
        await ShootAsync(commission, "urgings-1440.png");

        // The district answers with an explanation, a plan and a file.
        var district = await portal.SignInAsync("district");
        await district.SetViewportSizeAsync(1440, 900);
        await OpenOurUrgingAsync(district);
        await district.ClickAsync("#answer-urging");
        var answer = district.Locator(".mud-dialog");
        await answer.Locator(".explanation-text textarea").FillAsync("辖区内 3 所学校信息管理员调整，填报进度滞后");
        await answer.Locator(".plan-text textarea").FillAsync("已逐校约谈，本周五前全部提交，区教委次周完成审核");
        await answer.Locator(".evidence-upload input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "填报推进计划.pdf", MimeType = "application/pdf", Buffer = SampleFiles.Pdf,
        });
        await Assertions.Expect(answer.Locator(".evidence-file")).ToContainTextAsync("填报推进计划.pdf");
        await ShootAsync(district, "urging-answer-dialog-1440.png", fullPage: false);
        await district.ClickAsync("#save-answer");
        await Assertions.Expect(district.Locator(".urging-status")).ToContainTextAsync("已答复");
        await Assertions.Expect(district.Locator("#urging-answer .evidence-link")).ToContainTextAsync("填报推进计划.pdf");

        // The commission presses again with a new deadline; the district answers again; the commission closes it.
        await OpenOurUrgingAsync(commission);
        await commission.ClickAsync("#press-urging");
        await commission.Locator(".mud-dialog .press-text textarea").FillAsync("请补充各校提交时间表");
        await ShootAsync(commission, "urging-press-dialog-1440.png", fullPage: false);
        await commission.ClickAsync("#save-press");
        await Assertions.Expect(commission.Locator(".urging-round")).ToContainTextAsync("第 2 次督办");

        await district.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(district);
        await district.ClickAsync("#answer-urging");
        await district.Locator(".mud-dialog .explanation-text textarea").FillAsync("时间表已补充");
        await district.Locator(".mud-dialog .plan-text textarea").FillAsync("各校 12 月 5 日前提交");
        await district.ClickAsync("#save-answer");
        await Assertions.Expect(district.Locator(".urging-status")).ToContainTextAsync("已答复");

        await commission.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(commission);
        await commission.ClickAsync("#close-urging");
        await commission.Locator(".mud-dialog .close-note textarea").FillAsync("答复清楚，按计划推进");
        await ShootAsync(commission, "urging-close-dialog-1440.png", fullPage: false);
        await commission.ClickAsync("#save-close");
        await Assertions.Expect(commission.Locator(".urging-status")).ToContainTextAsync("已办结");
        var history = commission.Locator("#urging-history");
        foreach (var step in new[] { "发出督办", "答复 · 渝中区教委", "再次督办", "办结 · 重庆市教委信息化处", "请补充各校提交时间表" })
            await Assertions.Expect(history).ToContainTextAsync(step);
        await ShootAsync(commission, "urging-detail-1440.png");
    }

    [Fact]
    public async Task OnAPhone_TheListDetailAndDialogs_FitAndReadInChinese()
    {
        var principal = await portal.SignInAsync("principal");
        await principal.SetViewportSizeAsync(390, 844);
        await OpenAsync(principal, "/urgings");
        var row = principal.Locator("#urging-table tbody tr", new PageLocatorOptions { HasText = "2026年度填报" });
        await Assertions.Expect(row).ToContainTextAsync("待答复");
        await ShootAsync(principal, "urgings-390.png");
        (await principal.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await row.Locator("a.open-urging").ClickAsync();
        await principal.WaitForURLAsync(new Regex(@"/urgings/\d+$"), PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(principal);
        await Assertions.Expect(principal.Locator("#to-answer")).ToContainTextAsync("待本单位答复");
        await ShootAsync(principal, "urging-detail-390.png");
        (await principal.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390);

        await principal.ClickAsync("#answer-urging");
        await principal.Locator(".mud-dialog .explanation-text textarea").FillAsync("信息管理员调岗，交接未完成");
        await ShootAsync(principal, "urging-answer-dialog-390.png", fullPage: false);
        await principal.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "取消" }).ClickAsync();

        var district = await portal.SignInAsync("district");
        await district.SetViewportSizeAsync(390, 844);
        await OpenAsync(district, "/urgings");
        await district.ClickAsync("#new-urging");
        var dialog = district.Locator(".mud-dialog");
        await dialog.Locator(".target-picker input").FillAsync("5001030001");
        await district.Locator(".mud-popover-open .mud-list-item").First.ClickAsync();
        await Assertions.Expect(dialog.Locator(".subject-item input").First).ToHaveValueAsync(new Regex("2026年度填报"));
        await ShootAsync(district, "urging-issue-dialog-390.png", fullPage: false);
        await dialog.Locator("button", new LocatorLocatorOptions { HasText = "取消" }).ClickAsync();

        await OpenAsync(district, "/urgings?filter=overdue");
        await Assertions.Expect(district.Locator("#urging-table")).ToContainTextAsync("已逾期");
        await ShootAsync(district, "urgings-overdue-390.png");
    }
}
