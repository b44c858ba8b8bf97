using Bunit;
using EduGov.Web.Components.Pages.Coverage;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class CoveragePageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    [Fact]
    public void AStoredValue_OpensItsSources_AndAFilteredOneHasNone()
    {
        _ctx.SignInAs("district");
        var page = _ctx.RenderPage<CoverageDashboardPage>();
        page.WaitForAssertion(() => page.FindAll("td.coverage-value").Count.ShouldBeGreaterThan(3));
        var cell = page.FindAll("td.coverage-value").First(c => c.GetAttribute("data-code") == "CQ5-03");
        var shown = cell.TextContent.Trim();

        cell.QuerySelector("button.open-sources")!.Click();

        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("互动式多媒体教室数 ÷ 多媒体教室数"));
        _ctx.Dialogs.Find(".source-value").TextContent.ShouldBe(shown);
        _ctx.Dialogs.FindAll(".source-parts tbody tr").Count.ShouldBeGreaterThan(1);

        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/coverage?rural=true");
        page.WaitForAssertion(() => page.FindAll("td.coverage-value button.open-sources").ShouldBeEmpty());
    }

    [Fact]
    public void Administrator_OpensOnTheCityWithData_AndMayPickAnother()
    {
        _ctx.SignInAs("admin");
        var page = _ctx.RenderPage<CoverageDashboardPage>();

        page.WaitForAssertion(() => page.Find("#coverage-unit").TextContent.ShouldStartWith("重庆市"), TimeSpan.FromSeconds(10));
        page.FindAll("td.coverage-value").Count.ShouldBeGreaterThan(3);
        page.FindComponent<EduGov.Web.Components.Shared.CityPicker>().Find(".city-picker").TextContent.ShouldContain("城市");
    }

    [Fact]
    public void District_HasNoCityPicker()
    {
        _ctx.SignInAs("district");
        var page = _ctx.RenderPage<CoverageDashboardPage>();
        page.WaitForAssertion(() => page.FindAll("td.coverage-value").Count.ShouldBeGreaterThan(3));
        page.FindAll(".city-picker").ShouldBeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
