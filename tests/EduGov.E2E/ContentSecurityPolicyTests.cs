using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace EduGov.E2E;

/// <summary>
/// The portal under its Content-Security-Policy in Chromium: the pages keep their styles (MudBlazor's theme is an inline
/// &lt;style&gt;), charts (server-drawn SVG, no script) and scripts at desktop and phone widths, a chart wider than a phone scrolls in its card and never the page, the QR code of the two-factor set-up (a data: image) shows,
/// and an inline script is refused. Every journey also fails on any refusal the browser reports (<see cref="CspViolations"/>).
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ContentSecurityPolicyTests(PortalServer portal)
{
    [Theory]
    [InlineData(1440)]
    [InlineData(390)]
    public async Task TheHomePageAndADashboard_KeepTheirStylesChartsAndScripts(int width)
    {
        var page = await portal.SignInAsync("commission");
        await page.SetViewportSizeAsync(width, 900);

        await ExpectThemedAsync(page);
        await Shot(page, $"csp-home-{width}.png");

        await page.GotoAsync($"{portal.BaseUrl}/coverage");
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#comparison-chart svg.edu-chart:visible")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();   // the page never scrolls sideways
        (await page.Locator("#comparison-chart svg.phone").IsVisibleAsync()).ShouldBe(width < 600);                         // a phone gets the chart drawn for it
        await ExpectThemedAsync(page);
        await Shot(page, $"csp-coverage-{width}.png");
        await page.Locator("#comparison-chart").ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Screenshots, $"chart-coverage-{width}.png") });

        await page.GotoAsync($"{portal.BaseUrl}/training");
        await PortalServer.WaitInteractiveAsync(page);
        await Assertions.Expect(page.Locator("#comparison-chart svg.edu-chart:visible")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth")).ShouldBeTrue();
        await Shot(page, $"csp-training-{width}.png");
        await page.Locator("#comparison-chart").ScreenshotAsync(new() { Path = Path.Combine(PortalServer.Screenshots, $"chart-training-{width}.png") });
    }

    [Fact]
    public async Task ANewCommissionAccount_SeesTheQrCodeOfItsAuthenticator()
    {
        var admin = await portal.SignInAsync("admin");
        await portal.CreateAccountAsync(admin, "cspcommission", "市教委", "500000", "重庆市");

        foreach (var width in new[] { 1440, 390 })
        {
            var page = await portal.NewPageAsync(width);
            await page.GotoAsync($"{portal.BaseUrl}/account/login");
            await page.FillAsync("#username", "cspcommission");
            await page.FillAsync("#password", "Strong@Pass1");
            await page.ClickAsync("button.sign-in");
            await page.GotoAsync($"{portal.BaseUrl}/account/2fa/setup");

            var qr = page.Locator("#authenticator-qr");
            await Assertions.Expect(qr).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
            (await qr.EvaluateAsync<int>("img => img.naturalWidth")).ShouldBeGreaterThan(0); // decoded, not refused
            await Shot(page, $"csp-two-factor-setup-{width}.png");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AnInlineScript_IsRefused_AndTheRefusalIsSeen()
    {
        var page = await portal.SignInAsync("district");

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; document.head.appendChild(s); }");

        (await page.EvaluateAsync<bool>("() => window.injected === true")).ShouldBeFalse();
        var refused = new List<string>(); // the console message arrives a moment later
        for (var i = 0; i < 50 && refused.Count == 0; i++, await Task.Delay(100)) refused.AddRange(CspViolations.Take());
        refused.ShouldContain(text => text.Contains("script-src 'self'"));
    }

    /// <summary>MudBlazor's theme (an inline &lt;style&gt;) and stylesheet are applied: the app bar has the theme's primary colour.</summary>
    private static async Task ExpectThemedAsync(IPage page) =>
        (await page.Locator(".mud-appbar").EvaluateAsync<string>("bar => getComputedStyle(bar).backgroundColor")).ShouldBe("rgb(31, 78, 140)");

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PortalServer.Screenshots, name), FullPage = true });
}
