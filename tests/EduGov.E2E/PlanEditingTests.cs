using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class PlanEditingTests(PortalServer portal)
{
    [Fact]
    public async Task Commission_CreatesAPlan_AndAddsAnIndicator_CorrectingWhatTheFormRefuses()
    {
        var page = await portal.SignInAsync("commission");
        await page.GotoAsync($"{portal.BaseUrl}/plans/new");
        await PortalServer.WaitInteractiveAsync(page);

        await page.FillAsync("#plan-title", "重庆市教育数字化转型行动计划（2026—2030年）");
        await page.FillAsync("#plan-issuer", "重庆市教育委员会");
        await page.FillAsync("#plan-start", "2026");
        await page.FillAsync("#plan-end", "2024");
        await page.PressAsync("#plan-end", "Tab");
        await page.ClickAsync("#save-plan");
        await Assertions.Expect(page.Locator("text=截止年份不能早于起始年份").First).ToBeVisibleAsync();

        await page.FillAsync("#plan-end", "2030");
        await page.PressAsync("#plan-end", "Tab");
        await Assertions.Expect(page.Locator("text=截止年份不能早于起始年份")).ToHaveCountAsync(0);
        await page.ClickAsync("#save-plan");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"), PortalServer.InPage);
        await Assertions.Expect(page.Locator("h4.plan-heading")).ToHaveTextAsync("重庆市教育数字化转型行动计划（2026—2030年）");

        await page.ClickAsync("button:has-text('新增指标')");
        var dialog = page.Locator(".mud-dialog");
        await dialog.GetByLabel("编码").FillAsync("SZ-01");
        await dialog.GetByLabel("指标名称").FillAsync("智慧校园达标学校占比");
        await dialog.Locator(".target-value input").FillAsync("120");
        await dialog.Locator("button:has-text('保存')").ClickAsync();
        await Assertions.Expect(dialog.Locator(".dialog-error")).ToContainTextAsync("0 至 100");

        await dialog.Locator(".target-value input").FillAsync("80");
        await dialog.Locator("button:has-text('保存')").ClickAsync();
        await Assertions.Expect(page.Locator(".indicator-table")).ToContainTextAsync("智慧校园达标学校占比");
        await Assertions.Expect(page.Locator(".indicator-table")).ToContainTextAsync("2030：不低于 80%");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, "plan-detail-edited.png"), FullPage = true });
    }
}
