using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class PortalJourneyTests(PortalServer portal)
{
    [Fact]
    public async Task Commission_SignsIn_AndOpensThePlanCatalog()
    {
        var page = await portal.SignInAsync("commission");
        (await page.TextContentAsync("h4") ?? "").ShouldContain("您好");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "home-commission.png"), FullPage = true });

        await page.ClickAsync("a[href='/plans']");
        await page.WaitForSelectorAsync("a.plan-title");
        var titles = await page.Locator("a.plan-title").AllTextContentsAsync();

        titles.ShouldContain("重庆市智慧教育五年工作方案（2018—2022年）");
        titles.ShouldContain("渝中区数字教育建设行动方案（2024-2030年）");
        titles.ShouldNotContain("长沙市智慧教育行动计划（2019—2022年）");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-catalog.png"), FullPage = true });
    }

    /// <summary>Signs in and opens a plan's progress page the way a user reaches it: from the catalog, then the plan.</summary>
    private async Task<IPage> OpenProgressAsync(string userName, string plan, string query)
    {
        var page = await portal.SignInAsync(userName);
        await page.GotoAsync($"{portal.BaseUrl}/plans");
        await PortalServer.WaitInteractiveAsync(page);
        await page.ClickAsync($"a.plan-title:has-text('{plan}')");
        await page.WaitForURLAsync("**/plans/*", PortalServer.InPage);
        await page.GotoAsync($"{page.Url}/progress?{query}");
        await PortalServer.WaitInteractiveAsync(page);
        return page;
    }

    [Fact]
    public async Task Commission_RecordsAReportedValue_AndTheStatusChanges()
    {
        var page = await OpenProgressAsync("commission", "重庆市智慧教育五年工作方案", "year=2022");

        var row = page.Locator("#progress-table tr", new PageLocatorOptions { HasText = "远程同步智能课堂" });
        await row.Locator("button.record-value").ClickAsync();
        await page.FillAsync("#value-input", "420");
        await page.ClickAsync("#save-value");

        await Assertions.Expect(row.Locator(".status-chip")).ToHaveTextAsync("达成");
        await Assertions.Expect(row.Locator("td.actual")).ToContainTextAsync("420个");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-progress.png"), FullPage = true });
    }

    [Fact]
    public async Task District_SeesWhereEachTargetIsHeading_AndOpensItsTrend()
    {
        var page = await OpenProgressAsync("district", "渝中区数字教育建设行动方案", "year=2025");

        var bandwidth = page.Locator("#progress-table tr", new PageLocatorOptions { HasText = "YZ-02" });
        await Assertions.Expect(bandwidth.Locator(".outlook-chip")).ToBeVisibleAsync();
        await Assertions.Expect(bandwidth.Locator("td.outlook")).ToContainTextAsync("预计 2027 年");
        await bandwidth.Locator("button.show-trend").ClickAsync();
        await PortalServer.ResizeAsync(page, 1440);

        var detail = page.Locator("td.trend-detail");
        await Assertions.Expect(detail.Locator("svg.edu-chart g.series")).ToHaveCountAsync(3);   // the values, the path, the trend
        await Assertions.Expect(detail.Locator("svg.edu-chart g.legend")).ToContainTextAsync(["实际值", "进度线", "趋势线", "阶段目标"]);
        await Assertions.Expect(detail.Locator(".trend-text")).ToContainTextAsync("达到 2027 年目标 10000 Mbps 需年均");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-progress-trend-1440.png"), FullPage = true });
        await PortalServer.ResizeAsync(page, 390, 844);
        await detail.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-progress-trend-390.png") });
    }

    [Fact]
    public async Task District_AsksAValueWhy_AndSeesTheSchoolsAndFilingsBehindIt()
    {
        var page = await OpenProgressAsync("district", "重庆市智慧教育五年工作方案", "orgUnit=500103&year=2025");
        await PortalServer.ResizeAsync(page, 1440);

        var interactive = page.Locator("#progress-table tr", new PageLocatorOptions { HasText = "CQ5-03" });
        var shown = (await interactive.Locator("button.open-sources").TextContentAsync())!.Trim();
        await interactive.Locator("button.open-sources").ClickAsync();

        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".source-formula")).ToContainTextAsync($"互动式多媒体教室数 ÷ 多媒体教室数 = ");
        await Assertions.Expect(dialog.Locator(".source-formula")).ToContainTextAsync($"= {shown}");
        await Assertions.Expect(dialog.Locator(".source-parts tbody tr").First).ToContainTextAsync("审核通过");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "value-sources-1440.png") });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "value-sources-390.png") });

        await dialog.Locator(".source-parts a").First.ClickAsync();
        await page.WaitForURLAsync("**/filing/*/schools/*", PortalServer.InPage);

        // A count: the district's designated schools standing that year, each with its 文号.
        await page.GoBackAsync();
        await PortalServer.WaitInteractiveAsync(page);
        await page.Locator("#progress-table tr", new PageLocatorOptions { HasText = "CQ5-23" }).Locator("button.open-sources").ClickAsync();
        await Assertions.Expect(dialog.Locator(".source-formula")).ToContainTextAsync("截至 2025 年仍有效的认定");
        await Assertions.Expect(dialog.Locator(".source-parts tbody tr").First).ToContainTextAsync("渝教");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "value-sources-count-390.png") });

        // A security rate: counted from the register as it stands, the district's own systems and each school's.
        await page.GotoAsync(page.Url.Replace("year=2025", $"year={DateTime.Now.Year}"));
        await PortalServer.WaitInteractiveAsync(page);
        await PortalServer.ResizeAsync(page, 1440);
        await page.Locator("#progress-table tr", new PageLocatorOptions { HasText = "CQ5-24" }).Locator("button.open-sources").ClickAsync();
        await Assertions.Expect(dialog.Locator(".source-formula")).ToContainTextAsync("已备案的二级以上系统数 ÷ 二级以上系统数 = ");
        await Assertions.Expect(dialog.Locator(".source-parts tbody tr").First).ToContainTextAsync("渝中区（本级）");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "value-sources-security-1440.png") });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "value-sources-security-390.png") });
        await dialog.Locator("a.open-register").ClickAsync();
        await page.WaitForURLAsync("**/security?unit=*", PortalServer.InPage);
    }

    [Fact]
    public async Task Commission_SeesTheDistrictsFurthestOffTheirPath_AndOpensOne()
    {
        var page = await portal.SignInAsync("commission");
        await PortalServer.ResizeAsync(page, 1440);
        await page.ClickAsync("a[href='/warnings']");
        await page.WaitForURLAsync("**/warnings", PortalServer.InPage);
        await page.GotoAsync($"{portal.BaseUrl}/warnings?year=2021");
        await PortalServer.WaitInteractiveAsync(page);

        var rows = page.Locator("#warning-table tbody tr");
        await Assertions.Expect(rows.First.Locator(".outlook-chip")).ToBeVisibleAsync();
        var behind = await page.Locator("#warning-table td.behind").EvaluateAllAsync<decimal[]>("cells => cells.map(c => Number(c.dataset.behind))");
        behind.Length.ShouldBeGreaterThan(1);
        behind.ShouldBeInOrder(SortDirection.Descending);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "warnings-1440.png"), FullPage = true });

        var unit = (await rows.First.Locator("td.unit").TextContentAsync())!.Trim();
        await rows.First.Locator("a.open-progress").ClickAsync();
        await page.WaitForURLAsync("**/progress?orgUnit=*", PortalServer.InPage);
        await Assertions.Expect(page.Locator("#unit-picker")).ToHaveValueAsync(unit);

        await page.GoBackAsync();
        await PortalServer.WaitInteractiveAsync(page);
        await PortalServer.ResizeAsync(page, 390, 844);
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "warnings-390.png") });
    }

    [Fact]
    public async Task Principal_OpeningAnotherCitysPlanByUrl_SeesNotFound()
    {
        var admin = await portal.SignInAsync("admin");
        await admin.GotoAsync($"{portal.BaseUrl}/plans");
        await admin.WaitForSelectorAsync("a.plan-title");
        var href = await admin.Locator("a.plan-title:has-text('长沙市智慧教育行动计划')").GetAttributeAsync("href");

        var principal = await portal.SignInAsync("principal");
        await principal.GotoAsync($"{portal.BaseUrl}{href}");
        await PortalServer.WaitInteractiveAsync(principal);

        await Assertions.Expect(principal.Locator("body")).ToContainTextAsync("未找到");
        (await principal.ContentAsync()).ShouldNotContain("长沙市智慧教育行动计划");
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheEnglishPortal()
    {
        var page = await portal.SignInAsync("district");
        await page.GotoAsync($"{portal.BaseUrl}/plans");
        await PortalServer.WaitInteractiveAsync(page);
        await page.ClickAsync("button[aria-label='语言']");
        await page.ClickAsync(".mud-popover-open .mud-menu-item:has-text('English')");
        await page.WaitForURLAsync("**/plans", PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(page);

        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("Plan catalog");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-catalog-en.png"), FullPage = true });
    }

    [Fact]
    public async Task District_BrowsesItsSchools_WithFilters()
    {
        var page = await portal.SignInAsync("district");
        await page.ClickAsync("a[href='/org']");
        await page.WaitForURLAsync("**/org/*", PortalServer.InPage);
        await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("渝中区");
        await page.Locator("table tbody tr a").Nth(3).WaitForAsync();
        (await page.Locator("table tbody tr a").AllTextContentsAsync()).ShouldAllBe(name => name.StartsWith("渝中"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "org-district.png"), FullPage = true });
    }
}
