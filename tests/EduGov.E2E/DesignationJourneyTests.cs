using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed partial class DesignationJourneyTests(PortalServer portal)
{
    private const string Programme = "市级智慧校园建设示范学校";

    /// <summary>重庆市's actual value of CQ5-23 (市级智慧校园建设示范学校) this year, as the plan progress page shows it.</summary>
    private async Task<int> DesignatedSchoolsAsync(IPage commission)
    {
        await commission.GotoAsync($"{portal.BaseUrl}/plans");
        await PortalServer.WaitInteractiveAsync(commission);
        await commission.ClickAsync("a.plan-title:has-text('重庆市智慧教育五年工作方案')");
        await commission.WaitForURLAsync("**/plans/*", PortalServer.InPage);
        await commission.GotoAsync($"{commission.Url}/progress?year={DateTime.Now.Year}");
        await PortalServer.WaitInteractiveAsync(commission);
        var actual = commission.Locator("#progress-table tr", new PageLocatorOptions { HasText = "CQ5-23" }).Locator("td.actual");
        return int.Parse(Digits().Match((await actual.TextContentAsync())!).Value);
    }

    private async Task<IPage> OpenAsync(string user, string url)
    {
        var page = await portal.SignInAsync(user);
        await page.GotoAsync(url);
        await PortalServer.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task School_ThroughDistrictAndTwoReviewers_IsDesignated_AndTheIndicatorCountRises()
    {
        var commission = await portal.SignInAsync("commission");
        var before = await DesignatedSchoolsAsync(commission);

        // 校长 applies with a self-assessment against the rubric.
        var principal = await portal.SignInAsync("principal");
        await principal.ClickAsync("a[href='/programmes']");
        await principal.Locator("#programme-table tr", new PageLocatorOptions { HasText = Programme }).Locator("button.apply").ClickAsync();
        await principal.WaitForURLAsync("**/applications/*", PortalServer.InPage);
        var url = principal.Url;
        var scores = principal.Locator(".self-score input");
        await scores.First.WaitForAsync();
        for (var i = 0; i < await scores.CountAsync(); i++)
        {
            await scores.Nth(i).FillAsync("12");
            await principal.Locator(".self-note textarea").Nth(i).FillAsync("已对照细则完成建设");
        }
        await principal.ClickAsync("#submit-application");
        await Assertions.Expect(principal.Locator("#application-status")).ToHaveTextAsync("待区县推荐");

        // 区县教委 recommends it.
        var district = await OpenAsync("district", url);
        await district.ClickAsync("#recommend");
        await Assertions.Expect(district.Locator("#application-status")).ToHaveTextAsync("待评审");

        // 市教委 assigns two experts.
        await commission.GotoAsync(url);
        await PortalServer.WaitInteractiveAsync(commission);
        await commission.ClickAsync(".reviewer-picker");
        foreach (var reviewer in new[] { "inspector", "expert" })
            await commission.Locator(".mud-popover-open .mud-list-item", new PageLocatorOptions { HasText = $"（{reviewer}）" }).ClickAsync();
        await commission.Keyboard.PressAsync("Escape");
        await commission.ClickAsync("#assign-reviewers");
        await Assertions.Expect(commission.Locator("#application-status")).ToHaveTextAsync("评审中");

        // Each expert scores.
        foreach (var (reviewer, name, score) in new[] { ("inspector", "市级督学（重庆市）", "14"), ("expert", "评审专家（市级督学）（重庆市）", "12") })
        {
            var page = await OpenAsync(reviewer, url);
            var mine = page.Locator(".my-score input");
            for (var i = 0; i < await mine.CountAsync(); i++) await mine.Nth(i).FillAsync(score);
            await page.ClickAsync("#submit-score");
            await Assertions.Expect(page.Locator("#application-history")).ToContainTextAsync($"专家评分 · {name}");   // by name and unit, not login
        }

        // 市教委 designates it with the document number.
        await commission.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(commission);
        await Assertions.Expect(commission.Locator("#mean-score")).ToContainTextAsync("65.0");
        await commission.Locator(".document-number input").FillAsync("渝教信〔2026〕99号");
        await commission.ClickAsync("#designate");
        await Assertions.Expect(commission.Locator("#application-status")).ToHaveTextAsync("已认定");
        await commission.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "application-designated.png"), FullPage = true });

        (await DesignatedSchoolsAsync(commission)).ShouldBe(before + 1);
    }

    [Fact]
    public async Task ProgrammePage_ListsTheDesignatedUnits_AndChartsThemByDistrict()
    {
        var page = await portal.SignInAsync("inspector");
        await page.ClickAsync("a[href='/programmes']");
        await page.Locator("#programme-table a", new PageLocatorOptions { HasText = Programme }).ClickAsync();
        await page.Locator("#designation-table").WaitForAsync();
        await Assertions.Expect(page.Locator("#designation-table")).ToContainTextAsync("渝教信〔2024〕18号");
        await Assertions.Expect(page.Locator("#designation-table")).ToContainTextAsync("限期整改");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "programme-designated.png"), FullPage = true });
        await page.ClickAsync(".mud-tab:has-text('看板')");
        await Assertions.Expect(page.Locator("#active-total")).ToContainTextAsync("当前在册");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "programme-dashboard.png"), FullPage = true });
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
