using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class FilingJourneyTests(PortalServer portal)
{
    private static ILocator Field(IPage page, string field) => page.Locator($"[data-field='{field}'] input");

    private static async Task SetAsync(IPage page, string field, string value)
    {
        await Field(page, field).FillAsync(value);
        await Field(page, field).PressAsync("Tab");
    }

    private async Task<string> InteractiveShareAsync(IPage page)
    {
        await page.GotoAsync($"{portal.BaseUrl}/coverage");
        await PortalServer.WaitInteractiveAsync(page);
        var cell = page.Locator(".coverage-value[data-code='CQ5-03']");
        await cell.WaitForAsync();
        return (await cell.TextContentAsync())!.Trim();
    }

    [Fact]
    public async Task Principal_EntersAnOutlier_ExplainsIt_DistrictReturnsThatOneFigure_PrincipalCorrects_DistrictApproves_AndTheDashboardMoves()
    {
        var district = await portal.SignInAsync("district");
        var before = await InteractiveShareAsync(district);

        // The principal opens the school's filing, started from last year's figures.
        var principal = await portal.SignInAsync("principal");
        await principal.ClickAsync("a[href='/filing']");
        await principal.WaitForURLAsync("**/filing/*/schools/*", PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(principal);
        var multimedia = await Field(principal, "MultimediaClassrooms").InputValueAsync();
        multimedia.ShouldNotBeNullOrEmpty();
        var terminals = await Field(principal, "StudentTerminals").InputValueAsync();

        // Live validation: more interactive rooms than multimedia rooms is refused as the user types.
        await SetAsync(principal, "InteractiveClassrooms", (int.Parse(multimedia) + 5).ToString());
        await Assertions.Expect(principal.Locator("[data-field='InteractiveClassrooms']")).ToContainTextAsync("不能大于");
        await SetAsync(principal, "InteractiveClassrooms", multimedia);

        // A slip of a digit in the terminals is flagged as typed, and the filing is not submitted until it is explained.
        await SetAsync(principal, "StudentTerminals", terminals + "0");
        await Assertions.Expect(principal.Locator("[data-field='StudentTerminals'] .field-flag")).ToContainTextAsync($"上期审核通过为{int.Parse(terminals):#,0} 台");
        await principal.ClickAsync("#submit-filing");
        await Assertions.Expect(principal.Locator(".form-error")).ToContainTextAsync("数据异常尚未说明");
        await Assertions.Expect(principal.Locator(".filing-status")).ToHaveAttributeAsync("data-status", "NotStarted");
        foreach (var explanation in await principal.Locator(".flag-explanation textarea").AllAsync())   // the rooms' jump may be flagged too
            await explanation.FillAsync("新建两个平板教学实验班，按生配备平板电脑");
        await Assertions.Expect(principal.Locator("#unexplained")).ToHaveCountAsync(0);
        await ShootAsync(principal, "filing-form");
        await principal.ClickAsync("#submit-filing");
        await ConfirmSubmitAsync(principal, shot: "filing-submit-confirm");
        await Assertions.Expect(principal.Locator(".filing-status")).ToHaveAttributeAsync("data-status", "Submitted");

        // The principal's home page stays open in another tab: it is told of the return without being reloaded.
        var home = await OpenHomeAsync(principal);
        var unreadBefore = await UnreadAsync(home);
        (await home.Locator(".work-group[data-kind='FilingReturned']").CountAsync()).ShouldBe(0);

        // The district sees each figure beside last year's, the flag with the school's explanation, and returns that one figure.
        await district.GotoAsync($"{portal.BaseUrl}/filing");
        await district.WaitForURLAsync("**/filing/*/districts/*", PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(district);
        var listed = district.Locator("#review-table tr", new PageLocatorOptions { HasText = "5001030001" });
        await Assertions.Expect(listed.Locator(".flag-count")).ToContainTextAsync("项异常");
        await listed.Locator("a.open-filing").ClickAsync();
        await district.WaitForURLAsync("**/schools/*", PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(district);
        var row = district.Locator("#filing-comparison tr", new PageLocatorOptions { Has = district.Locator("td.field-name[data-field='StudentTerminals']") });
        await Assertions.Expect(row).ToContainTextAsync("学校说明：新建两个平板教学实验班");
        await Assertions.Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("changed"));
        await row.Locator(".return-field input").CheckAsync();
        await row.Locator(".return-reason textarea").FillAsync("终端数与资产台账不符，请逐台核实");
        await ShootAsync(district, "filing-review-compare");
        await district.ClickAsync("#return-filing");
        await district.ClickAsync("#comment-ok");   // no comment on the whole: the figure's reason says it
        await Assertions.Expect(district.Locator(".filing-status")).ToHaveAttributeAsync("data-status", "Returned");

        await Assertions.Expect(home.Locator("#notification-bell")).ToHaveAttributeAsync("data-unread", (unreadBefore + 1).ToString());
        var returned = home.Locator(".work-group[data-kind='FilingReturned']");
        await Assertions.Expect(returned).ToContainTextAsync("终端数与资产台账不符，请逐台核实");
        await home.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "workbench-principal-returned.png"), FullPage = true });
        await home.CloseAsync();

        // The district's own home page, open while the principal resubmits, gets the filing to review.
        var districtHome = await OpenHomeAsync(district);
        var reviewBefore = await ToReviewAsync(districtHome);

        // The principal's form shows exactly the returned figure with its reason; corrected, the flag goes and it is submitted again.
        await principal.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(principal);
        await Assertions.Expect(principal.Locator("#returned-fields")).ToContainTextAsync("学生终端数：终端数与资产台账不符，请逐台核实");
        (await principal.Locator("[data-field]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.field)")).ShouldBe(["StudentTerminals"]);
        await ShootAsync(principal, "filing-returned-field");
        await SetAsync(principal, "StudentTerminals", terminals);
        await Assertions.Expect(principal.Locator("[data-field='StudentTerminals'] .field-flag")).ToHaveCountAsync(0);
        await principal.ClickAsync("#submit-filing");
        await ConfirmSubmitAsync(principal);
        await Assertions.Expect(principal.Locator(".filing-status")).ToHaveAttributeAsync("data-status", "Submitted");
        await districtHome.WaitForFunctionAsync($"() => ({ToReviewScript})() > {reviewBefore}");
        await districtHome.CloseAsync();

        // The district sees what changed since the returned submission and approves; the district's coverage value is recomputed.
        await district.ReloadAsync();
        await PortalServer.WaitInteractiveAsync(district);
        await Assertions.Expect(row).ToContainTextAsync("上次退回：终端数与资产台账不符");
        await Assertions.Expect(row.Locator("td").Nth(2)).ToContainTextAsync($"{int.Parse(terminals + "0"):#,0}");   // 上次提交
        await district.ClickAsync("#approve-filing");
        await Assertions.Expect(district.Locator(".filing-status")).ToHaveAttributeAsync("data-status", "Approved");
        await Assertions.Expect(district.Locator(".filing-history")).ToContainTextAsync("学生终端数：终端数与资产台账不符");
        await Assertions.Expect(district.Locator(".filing-history")).ToContainTextAsync($"学生终端数：{int.Parse(terminals + "0"):#,0} → {int.Parse(terminals):#,0}");
        // Approved, the form reads as text, saying who approved it; the review list opens it with 查看.
        await Assertions.Expect(district.Locator("#approved-notice")).ToContainTextAsync("本表已由渝中区教委于");
        (await district.Locator("[data-field] input").CountAsync()).ShouldBe(0);
        await ShootAsync(district, "filing-approved");
        await district.GotoAsync($"{portal.BaseUrl}/filing");
        await district.WaitForURLAsync("**/filing/*/districts/*", PortalServer.InPage);
        await district.GotoAsync(district.Url + "?filter=Approved");
        await PortalServer.WaitInteractiveAsync(district);
        await Assertions.Expect(district.Locator("#review-table tr", new PageLocatorOptions { HasText = "5001030001" }).Locator("a.open-filing")).ToHaveTextAsync("查看");
        await ShootAsync(district, "filing-review-approved");


        var after = await InteractiveShareAsync(district);
        after.ShouldNotBe(before);
        decimal.Parse(after.TrimEnd('%')).ShouldBeGreaterThan(decimal.Parse(before.TrimEnd('%')));
        await district.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "coverage-district.png"), FullPage = true });
    }

    /// <summary>Submitting asks first: the confirmation's own 提交审核.</summary>
    private static async Task ConfirmSubmitAsync(IPage page, string? shot = null)
    {
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("确认提交");
        if (shot is not null) await ShootAsync(page, shot, fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
    }

    /// <summary>The page as it is, on a desktop and on a phone.</summary>
    private static async Task ShootAsync(IPage page, string name, bool fullPage = true)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, $"{name}-1440.png"), FullPage = fullPage });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, $"{name}-390.png"), FullPage = fullPage });
        await PortalServer.ResizeAsync(page, 1440);
    }

    private async Task<IPage> OpenHomeAsync(IPage signedIn)
    {
        var home = await signedIn.Context.NewPageAsync();
        await home.GotoAsync($"{portal.BaseUrl}/");
        await PortalServer.WaitInteractiveAsync(home);
        await home.WaitForSelectorAsync("#workbench-summary");
        return home;
    }

    private static async Task<int> UnreadAsync(IPage page) => int.Parse((await page.Locator("#notification-bell").GetAttributeAsync("data-unread"))!);

    /// <summary>The filings waiting for review that the district's home page counts (0 when it has none).</summary>
    private static async Task<int> ToReviewAsync(IPage page) =>
        await page.EvaluateAsync<int>(ToReviewScript);

    private const string ToReviewScript =
        "() => Number(document.querySelector(\".work-group[data-kind='FilingsToReview'] .work-task-meta\")?.textContent.match(/(\\d+) 份/)?.[1] ?? 0)";

    [Fact]
    public async Task Commission_SeesCompletenessAndTheCityDashboard()
    {
        var page = await portal.SignInAsync("commission");
        await page.ClickAsync("a[href='/filing']");
        await page.Locator("#completeness-table tbody tr").Nth(37).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "filing-completeness.png"), FullPage = true });

        // The period's data-quality rules, as the commission tunes them.
        await page.ClickAsync("#edit-period");
        await Assertions.Expect(page.Locator("#quality-thresholds")).ToContainTextAsync("同类偏离阈值");
        await ShootAsync(page, "period-quality", fullPage: false);
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();

        // 数据质量评分: every district's five measures, the worst first.
        await page.GetByRole(AriaRole.Tab, new() { Name = "数据质量评分" }).ClickAsync();
        await Assertions.Expect(page.Locator("#scorecard-table tbody tr")).ToHaveCountAsync(38);
        await Assertions.Expect(page.Locator("#scorecard-open")).ToContainTextAsync("截止后再评定");
        await ShootAsync(page, "filing-scorecard", fullPage: false);

        await page.ClickAsync("a[href='/coverage']");
        await page.Locator("#comparison-table tbody tr").Nth(37).WaitForAsync();
        await Assertions.Expect(page.Locator("#coverage-unit")).ToContainTextAsync("重庆市");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "coverage-city.png"), FullPage = true });

        // The city's value, asked why: its 38 districts, adding up to it.
        await PortalServer.ResizeAsync(page, 1440);
        var interactive = page.Locator("td.coverage-value[data-code='CQ5-03']");
        await interactive.Locator("button.open-sources").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog.Locator(".source-parts tbody tr")).ToHaveCountAsync(38);
        await Assertions.Expect(dialog.Locator(".source-value")).ToHaveTextAsync((await interactive.InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "coverage-sources-1440.png") });
        await PortalServer.ResizeAsync(page, 390, 844);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "coverage-sources-390.png") });
        await PortalServer.ResizeAsync(page, 1440);

        // Like with like: the districts compared over their small schools only, each with its change on last year and its place.
        await page.Keyboard.PressAsync("Escape");
        await page.GotoAsync(page.Url + (page.Url.Contains('?') ? "&" : "?") + "size=Small");
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".size-filter")).ToContainTextAsync("300 人以下");
        await Assertions.Expect(page.Locator("#comparison-table tbody tr").First.Locator("td.rank")).ToContainTextAsync("第 1 / ");
        await Assertions.Expect(page.Locator("#comparison-table tbody tr").First.Locator("td.change")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^([+-][\d.]+|持平|—)"));
        (await page.Locator("td.coverage-value .open-sources").CountAsync()).ShouldBe(0);   // a value summed for the filter has no filings of its own
        await ShootAsync(page, "coverage-like-schools");
    }

    [Fact]
    public async Task Principal_SeesOwnSchoolAgainstTheTargets()
    {
        var page = await portal.SignInAsync("principal");
        await page.ClickAsync("a[href='/coverage']");
        await Assertions.Expect(page.Locator("#coverage-unit")).ToContainTextAsync("渝中第1中学");
        await page.Locator("#coverage-table tbody tr").First.WaitForAsync();
        (await page.Locator("#comparison-table").CountAsync()).ShouldBe(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "coverage-school.png"), FullPage = true });
    }
}
