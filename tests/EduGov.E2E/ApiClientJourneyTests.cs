using System.Net;
using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace EduGov.E2E;

[Collection(PortalCollection.Name)]
public sealed class ApiClientJourneyTests(PortalServer portal)
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, name), FullPage = true });

    [Fact]
    public async Task Admin_CreatesAClient_SeesItsSecretOnce_ThePlatformReadsWithIt_AndRevokingEndsIt()
    {
        var page = await portal.SignInAsync("admin");
        await page.SetViewportSizeAsync(1440, 900);
        await page.GotoAsync($"{portal.BaseUrl}/admin/api-clients");
        await PortalServer.WaitInteractiveAsync(page);
        await page.ClickAsync("#new-client");
        var dialog = page.Locator(".mud-dialog");
        var name = $"渝中区数据中心-{Guid.NewGuid():N}"[..20];
        await dialog.GetByLabel("名称").FillAsync(name);
        await dialog.GetByLabel("所属单位").FillAsync("渝中区");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('500103')");
        await dialog.Locator("#save-client").ClickAsync();
        var secretField = dialog.Locator("#client-secret");
        await Assertions.Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^egv_"));
        var secret = await secretField.InputValueAsync();
        await ShotAsync(page, "api-client-secret-1440.png");
        await dialog.Locator("#close-secret").ClickAsync();
        var row = page.Locator("#client-table tbody tr", new PageLocatorOptions { HasText = name });
        await Assertions.Expect(row).ToContainTextAsync("有效");
        await ShotAsync(page, "api-clients-1440.png");
        await PortalServer.ResizeAsync(page, 390, 844);
        await ShotAsync(page, "api-clients-390.png");

        using var platform = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        platform.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await platform.GetAsync("/api/exchange/org-units?pageSize=5")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await row.Locator(".revoke-client").ClickAsync();
        await page.Locator(".mud-dialog button", new PageLocatorOptions { HasText = "吊销" }).Last.ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已吊销");
        (await platform.GetAsync("/api/exchange/org-units?pageSize=5")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
