using Microsoft.Playwright;

namespace EduGov.E2E;

/// <summary>Each role opens the portal to its own to-do list, on a desk (1440 px) and on a phone (390 px).</summary>
[Collection(PortalCollection.Name)]
public sealed class WorkbenchJourneyTests(PortalServer portal)
{
    [Theory]
    [InlineData("principal")]
    [InlineData("district")]
    [InlineData("commission")]
    [InlineData("inspector")]
    [InlineData("expert")]
    [InlineData("admin")]
    public async Task EachRole_OpensThePortalToItsTasks_OnADeskAndOnAPhone(string user)
    {
        var signedIn = await portal.SignInAsync(user);
        var session = await signedIn.Context.StorageStateAsync();
        await signedIn.Context.CloseAsync();

        foreach (var width in new[] { 1440, 390 })
        {
            var page = await portal.NewPageAsync(width, session);
            await page.GotoAsync($"{portal.BaseUrl}/");
            await PortalServer.WaitInteractiveAsync(page);
            await page.WaitForSelectorAsync("#workbench-summary");

            (await page.TitleAsync()).ShouldStartWith("工作台");
            var groups = await page.Locator(".work-group-title").AllTextContentsAsync();
            groups.ShouldNotBeEmpty();
            // Nothing wider than the screen: a phone scrolls down, never sideways.
            (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(width);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, $"workbench-{user}-{width}.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Principal_OpensTheFirstTask_WhereItsWorkIsDone()
    {
        var page = await portal.SignInAsync("principal");
        await page.WaitForSelectorAsync("#workbench-summary");
        var first = page.Locator("a.work-task-link").First;
        var href = await first.GetAttributeAsync("href");

        await first.ClickAsync();

        await page.WaitForURLAsync($"{portal.BaseUrl}{href}", PortalServer.InPage);
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("未找到");
        await page.Context.CloseAsync();
    }
}
