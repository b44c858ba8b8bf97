using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EduGov.E2E;

/// <summary>Sessions end for an open page too: signing out, and an administrator's lock reaching a page already open elsewhere.</summary>
[Collection(PortalCollection.Name)]
public sealed class SessionJourneyTests(PortalServer portal)
{
    private static readonly Regex SignInPage = new("/account/login");

    [Fact]
    public async Task SignOut_ThenAPageOfThePortal_AsksForTheSignInAgain()
    {
        var page = await portal.SignInAsync("inspector");

        await page.ClickAsync("header button:has-text('退出')");
        await page.WaitForURLAsync(SignInPage, PortalServer.InPage);
        await page.GotoAsync($"{portal.BaseUrl}/supervision/inspections");

        await Assertions.Expect(page).ToHaveURLAsync(SignInPage);
    }

    [Fact]
    public async Task ALockedAccount_ItsOpenPageIsSentToSignInAndCanDoNothing()
    {
        var admin = await portal.SignInAsync("admin");
        await portal.CreateAccountAsync(admin, "lockjourney", "区县教委", "500103", "渝中区");
        var district = await portal.SignInAsync("lockjourney", "Strong@Pass1");
        await district.GotoAsync($"{portal.BaseUrl}/training/teachers");
        await PortalServer.WaitInteractiveAsync(district);

        await admin.Locator(".search input").FillAsync("lockjourney");
        await admin.Locator(".search input").PressAsync("Enter");
        await Assertions.Expect(admin.Locator("tbody tr")).ToHaveCountAsync(1);
        await admin.ClickAsync("tr:has-text('lockjourney') button:has-text('锁定')");
        await Assertions.Expect(admin.Locator("tr:has-text('lockjourney')")).ToContainTextAsync("已锁定");

        // The open page is told by its server at once (other instances within the revalidation interval).
        await Assertions.Expect(district).ToHaveURLAsync(SignInPage, new PageAssertionsToHaveURLOptions { Timeout = 15_000 });
        await district.GotoAsync($"{portal.BaseUrl}/training/teachers");
        await Assertions.Expect(district).ToHaveURLAsync(SignInPage);
    }

    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task TheAuditTrail_ReadsInWords_AndFiltersByAction(int width)
    {
        var page = await portal.SignInAsync("admin");
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync($"{portal.BaseUrl}/admin/audit");
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#audit-table tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, $"audit-all-{width}.png") });

        await page.Locator(".mud-select").Filter(new() { HasText = "操作" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("登录", new() { Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#export-audit")).ToHaveAttributeAsync("href", new Regex("action=SignIn"));
        await Assertions.Expect(page.Locator("#audit-table tbody td.audit-action:not(:text-is('登录'))")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#audit-table tbody td.audit-action").First).ToHaveTextAsync("登录");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, $"audit-sign-ins-{width}.png"), FullPage = true });
    }
}
