using Bunit;
using EduGov.Domain.Planning;
using EduGov.Web.Charts;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Charts;

/// <summary>The chart components rendered as the portal and the documents render them, read as markup.</summary>
public sealed class ChartComponentTests : BunitContext
{
    public ChartComponentTests() => Services.AddLocalization(options => options.ResourcesPath = "Resources");

    private static readonly ChartItem[] Districts =
        [new("渝中区", 53.7m), new("彭水苗族土家族自治县", 97.1m), new("万州区", null), new("江北区", 92m), new("A&B<区>", 10m)];

    private IRenderedComponent<ComparisonChart> Comparison(ChartValues values = ChartValues.Printed, decimal? target = 60m) =>
        Render<ComparisonChart>(p => p.Add(c => c.Title, "各区县多媒体教室覆盖率").Add(c => c.Items, Districts).Add(c => c.Unit, "%")
            .Add(c => c.AxisName, "覆盖率").Add(c => c.Target, target).Add(c => c.Values, values));

    private static List<string> Names(IRenderedComponent<ComparisonChart> chart) => chart.FindAll("text.name").Select(t => t.TextContent).ToList();

    [Fact]
    public void Comparison_WritesEveryName_AsText_HighestFirst_AndNoValueLast()
    {
        Names(Comparison()).ShouldBe(["彭水苗族土家族自治县", "江北区", "渝中区", "A&B<区>", "万州区"]);
    }

    [Fact]
    public void Comparison_EncodesItsLabels()
    {
        Comparison().Markup.ShouldContain("A&amp;B&lt;区&gt;");
    }

    [Fact]
    public void Comparison_AnItemWithoutValue_Reads无数据_AndHasNoBar()
    {
        var chart = Comparison();

        var row = chart.FindAll("g.bar").Single(g => g.QuerySelector("text.name")!.TextContent == "万州区");
        row.QuerySelector("text.nodata")!.TextContent.ShouldBe("无数据");
        row.QuerySelector("rect.fill").ShouldBeNull();
        chart.FindAll("rect.fill").Count.ShouldBe(4);
    }

    [Fact]
    public void Comparison_DrawsTheTargetLine_WithItsLabel()
    {
        var chart = Comparison();

        chart.Find("g.target line").GetAttribute("stroke-dasharray").ShouldNotBeNullOrEmpty();
        chart.Find("g.target text").TextContent.ShouldBe("目标 60%");
        Comparison(target: null).FindAll("g.target").ShouldBeEmpty();
    }

    [Fact]
    public void Comparison_NamesItsAxisWithTheUnit_AndTicksFromZeroToAHundred()
    {
        var chart = Comparison();

        chart.Find("text.axis-title").TextContent.ShouldBe("覆盖率（%）");
        chart.FindAll("g.axis text:not(.axis-title)").Select(t => t.TextContent).ShouldBe(["0", "20", "40", "60", "80", "100"]);
    }

    [Fact]
    public void Comparison_HasAnAccessibleName_AndEachBarItsValue()
    {
        var chart = Comparison();

        var svg = chart.Find("svg");
        svg.GetAttribute("role").ShouldBe("img");
        svg.GetAttribute("aria-label").ShouldBe("各区县多媒体教室覆盖率");
        svg.QuerySelector("title")!.TextContent.ShouldBe("各区县多媒体教室覆盖率");
        chart.FindAll("g.bar > title").Select(t => t.TextContent).ShouldContain("江北区：92%");
        chart.FindAll("g.bar > title").Select(t => t.TextContent).ShouldContain("万州区：无数据");
    }

    [Fact]
    public void Comparison_PrintsValuesInDocuments_AndKeepsThemForHoverInThePortal()
    {
        var printed = Comparison();
        printed.Find("svg").ClassList.ShouldNotContain("values-on-hover");
        printed.FindAll("text.value").Select(t => t.TextContent).ShouldBe(["97.1%", "92%", "53.7%", "10%"]);

        Comparison(ChartValues.OnHover).Find("svg").ClassList.ShouldContain("values-on-hover");
    }

    [Fact]
    public void Comparison_IsDrawnAtItsWidth_InAFrameThatScrolls()
    {
        var chart = Render<ComparisonChart>(p => p.Add(c => c.Title, "t").Add(c => c.Items, Districts).Add(c => c.Width, 640));

        chart.Find("div.edu-chart-frame > svg").GetAttribute("width").ShouldBe("640");
    }

    [Fact]
    public void Comparison_WithAPhoneWidth_IsDrawnASecondTimeForPhones_WithTheSameRows()
    {
        var chart = Render<ComparisonChart>(p => p.Add(c => c.Title, "t").Add(c => c.Items, Districts).Add(c => c.Width, 640).Add(c => c.PhoneWidth, 320));

        var (wide, phone) = (chart.Find("svg:not(.phone)"), chart.Find("svg.phone"));
        chart.Find("div.edu-chart-frame").ClassList.ShouldContain("for-phone");
        phone.GetAttribute("width").ShouldBe("320");
        phone.QuerySelectorAll("text.name").Select(t => t.TextContent).ShouldBe(wide.QuerySelectorAll("text.name").Select(t => t.TextContent));
    }

    private IRenderedComponent<TrendChart> Trend(params TrendSeries[] series) =>
        Render<TrendChart>(p => p.Add(c => c.Title, "重庆市多媒体教室覆盖率历年变化").Add(c => c.Series, series).Add(c => c.Unit, "%").Add(c => c.AxisName, "覆盖率")
            .Add(c => c.TargetYear, 2022).Add(c => c.Target, 90m).Add(c => c.Milestones, [new YearValue(2020, 60), new YearValue(2022, 90)]));

    private static readonly TrendSeries City = new("重庆市", [new(2019, 40), new(2020, 52.5m), new(2021, 61), new(2025, 91)]);

    [Fact]
    public void Trend_MarksTheTargetYear_AndTheTarget_AndTheMilestones()
    {
        var chart = Trend(City);

        chart.Find("g.target-year text").TextContent.ShouldBe("目标年 2022");
        chart.Find("line.target").ShouldNotBeNull();
        chart.FindAll("text.margin").Select(t => t.TextContent).ShouldBe(["目标 90%"]);
        chart.FindAll("g.milestone > title").Select(t => t.TextContent).ShouldBe(["2020 年目标：60%", "2022 年目标：90%"]);
        chart.FindAll("text.year").Select(t => t.TextContent).ShouldContain("2022");
    }

    [Fact]
    public void Trend_NamesItsAxisWithTheUnit_AndIsAnImageWithAName()
    {
        var chart = Trend(City);

        chart.Find("text.axis-title").TextContent.ShouldBe("覆盖率（%）");
        chart.Find("svg").GetAttribute("aria-label").ShouldBe("重庆市多媒体教室覆盖率历年变化");
        chart.FindAll("g.point > title").Select(t => t.TextContent).ShouldBe(["重庆市 2019 年：40%", "重庆市 2020 年：52.5%", "重庆市 2021 年：61%", "重庆市 2025 年：91%"]);
    }

    [Fact]
    public void Trend_OneLine_HasNoLegendButItsMilestones_SeveralLinesAreNamed()
    {
        Trend(City).FindAll("g.legend text").Select(t => t.TextContent).ShouldBe(["阶段目标"]);
        Trend(City, new TrendSeries("渝中区", [new(2019, 70), new(2025, 95)])).FindAll("g.legend text").Select(t => t.TextContent)
            .ShouldBe(["重庆市", "渝中区", "阶段目标"]);
    }

    [Fact]
    public void InThePortalInEnglish_TheChartsWordsAreEnglish()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        try
        {
            var chart = Comparison();
            chart.Find("g.target text").TextContent.ShouldBe("Target 60%");
            chart.FindAll("text.nodata").Single().TextContent.ShouldBe("No data");
            chart.Markup.ShouldNotContain("目标");
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }
}
