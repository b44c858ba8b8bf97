using Bunit;
using EduGov.Web.Components.Pages.Coverage;
using EduGov.Web.Components.Pages.Training;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Charts;

/// <summary>The dashboards' charts, rendered on the seeded demo database as the commission sees them.</summary>
public sealed class DashboardChartTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private static List<string> Names(AngleSharp.Dom.IElement chart) => chart.QuerySelectorAll("text.name").Select(t => t.TextContent).ToList();

    [Fact]
    public void Coverage_ChartsEveryDistrictOfTheCity_InTheTablesOrder_WithTheTargetAndUnit()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<CoverageDashboardPage>();
        page.WaitForAssertion(() => page.Find("#comparison-chart svg"), TimeSpan.FromSeconds(20));

        var chart = page.Find("#comparison-chart svg");
        var tableNames = page.FindAll("#comparison-table tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        var names = Names(chart);
        names.Count.ShouldBe(38);
        names.ShouldBe(tableNames);      // the table is every district, highest first: the chart follows it
        chart.GetAttribute("aria-label").ShouldStartWith("各区县");
        chart.ClassList.ShouldContain("values-on-hover");
        chart.QuerySelector("text.axis-title")!.TextContent.ShouldEndWith("（%）");

        var values = chart.QuerySelectorAll("g.bar > title").Select(t => t.TextContent.Split('：')[1]).ToList();
        var numbers = values.Where(v => v != "无数据").Select(v => decimal.Parse(v.TrimEnd('%'))).ToList();
        numbers.ShouldBe(numbers.OrderByDescending(v => v).ToList());
        values.SkipWhile(v => v != "无数据").ShouldAllBe(v => v == "无数据");
        var target = page.FindAll("#coverage-table tr.selected-row td")[3].TextContent;
        if (!target.Contains('—')) chart.QuerySelector("g.target text")!.TextContent.ShouldStartWith("目标 ");
    }

    [Fact]
    public void Coverage_LowestFirst_TurnsTheChartAround()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<CoverageDashboardPage>();
        page.WaitForAssertion(() => page.Find("#comparison-chart svg"), TimeSpan.FromSeconds(20));
        var highest = Names(page.Find("#comparison-chart svg"));

        page.FindAll("button").Single(b => b.TextContent.Contains("从低到高")).Click();

        page.WaitForAssertion(() => Names(page.Find("#comparison-chart svg")).ShouldNotBe(highest), TimeSpan.FromSeconds(10));
        var values = page.Find("#comparison-chart svg").QuerySelectorAll("text.value").Select(t => decimal.Parse(t.TextContent.TrimEnd('%'))).ToList();
        values.ShouldBe(values.Order().ToList());
    }

    [Fact]
    public void Training_ComparesTheDistricts_SortedByValue_WithEveryName()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<TrainingDashboardPage>();
        page.WaitForAssertion(() => page.Find("#comparison-chart svg"), TimeSpan.FromSeconds(20));

        var chart = page.Find("#comparison-chart svg");
        Names(chart).Count.ShouldBe(38);
        var values = chart.QuerySelectorAll("text.value").Select(t => decimal.Parse(t.TextContent.TrimEnd('%'))).ToList();
        values.ShouldBe(values.OrderByDescending(v => v).ToList());
        chart.QuerySelector("text.axis-title")!.TextContent.ShouldEndWith("（%）");
    }

    [Fact]
    public void Training_ADistrictsHoursDistribution_IsABarPerBand_InTheirOrder_WithTheCountsPrinted()
    {
        _ctx.SignInAs("district");
        var page = _ctx.RenderPage<TrainingDashboardPage>();
        page.WaitForAssertion(() => page.Find("#hours-distribution svg"), TimeSpan.FromSeconds(30));

        var chart = page.Find("#hours-distribution svg");
        var bands = Names(chart);
        bands[0].ShouldBe("0");
        bands[^1].ShouldStartWith("≥");
        chart.ClassList.ShouldNotContain("values-on-hover");
        chart.QuerySelectorAll("g.bar").Length.ShouldBe(bands.Count);
        chart.QuerySelector("text.axis-title")!.TextContent.ShouldBe("教师（人）");
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
