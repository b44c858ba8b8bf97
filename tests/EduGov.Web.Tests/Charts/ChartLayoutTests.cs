using EduGov.Domain.Planning;
using EduGov.Web.Charts;

namespace EduGov.Web.Tests.Charts;

public sealed class ChartLayoutTests
{
    private static readonly ChartItem[] Districts =
        [new("渝中区", 53.7m), new("彭水苗族土家族自治县", 97.1m), new("万州区", null), new("江北区", 92m)];

    [Fact]
    public void Width_CountsChineseAsOneEm_AndDigitsAsLess()
    {
        ChartText.Width("渝中区", 11).ShouldBe(33);
        ChartText.Width("97.1%", 10).ShouldBe(30, 0.001);
    }

    [Theory]
    [InlineData("覆盖率", "%", 650, "覆盖率（%）")]
    [InlineData("覆盖率", "", 650, "覆盖率")]
    [InlineData("", "%", 650, "单位：%")]
    [InlineData("高校智慧教育优质成果推广的沿线国家和地区学校数量", "所", 200, "单位：所")]   // too wide for the chart: the unit alone
    public void AxisTitle_CarriesTheUnit_AndGivesUpTheNameWhenItDoesNotFit(string name, string unit, double width, string expected)
    {
        ChartText.AxisTitle(name, unit, width).ShouldBe(expected);
    }

    [Fact]
    public void Comparison_SortsHighestFirst_AndPutsItemsWithoutValueLast()
    {
        var layout = new ComparisonLayout(Districts, "%", 60, ChartSort.Descending, 650);

        layout.Rows.Select(r => r.Name).ShouldBe(["彭水苗族土家族自治县", "江北区", "渝中区", "万州区"]);
        new ComparisonLayout(Districts, "%", 60, ChartSort.Ascending, 650).Rows.Select(r => r.Name).ShouldBe(["渝中区", "江北区", "彭水苗族土家族自治县", "万州区"]);
    }

    [Fact]
    public void Comparison_NameColumn_HoldsTheLongestName_AndRowsAre17PxApart()
    {
        var layout = new ComparisonLayout(Districts, "%", 60, ChartSort.Descending, 650);

        layout.NameWidth.ShouldBe(ChartText.Width("彭水苗族土家族自治县", ChartStyle.FontSize));
        layout.FittedName("彭水苗族土家族自治县").ShouldBe("彭水苗族土家族自治县");
        (layout.RowTop(1) - layout.RowTop(0)).ShouldBe(17);
        layout.PlotLeft.ShouldBeGreaterThan(layout.NameWidth);
    }

    [Fact]
    public void Comparison_ANameTooLongForTheColumn_IsCutWithAnEllipsis()
    {
        var layout = new ComparisonLayout([new("重庆市第一百二十三中学校附属实验小学校本部", 10m)], "%", null, ChartSort.Descending, 300);

        var fitted = layout.FittedName("重庆市第一百二十三中学校附属实验小学校本部");
        fitted.ShouldEndWith("…");
        ChartText.Width(fitted, ChartStyle.FontSize).ShouldBeLessThanOrEqualTo(layout.NameWidth);
    }

    [Fact]
    public void Comparison_BarsAndTheTargetLine_StandOnTheSameScale()
    {
        var layout = new ComparisonLayout(Districts, "%", 60, ChartSort.Descending, 650);

        layout.X(0).ShouldBe(layout.PlotLeft);
        layout.X(100).ShouldBe(layout.PlotLeft + layout.PlotWidth, 0.001);
        layout.X(60).ShouldBe(layout.PlotLeft + layout.PlotWidth * 0.6, 0.001);
        (layout.PlotLeft + layout.PlotWidth + ChartText.Width("97.1%", ChartStyle.ValueFontSize) + 4).ShouldBeLessThanOrEqualTo(650);
    }

    [Fact]
    public void Comparison_TheTargetsLabel_StaysInsideTheChart_WhenTheTargetIsTheTop()
    {
        var layout = new ComparisonLayout(Districts, "%", 100, ChartSort.Descending, 650);

        (layout.TargetLabelCentre + ChartText.Width(layout.TargetText, ChartStyle.FontSize) / 2).ShouldBeLessThanOrEqualTo(650);
    }

    private static TrendLayout Trend(IReadOnlyList<TrendSeries> series, ChartValues values = ChartValues.Printed, double width = 320) =>
        new(series, "%", 2022, 90, [new YearValue(2020, 60), new YearValue(2022, 90)], values, width, 210);

    private static readonly TrendSeries City = new("重庆市", [new(2019, 40), new(2020, 52.5m), new(2021, 61), new(2023, 80), new(2024, 88.4m), new(2025, 91), new(2026, 95.2m)]);

    [Fact]
    public void Trend_YearsRunWithoutGaps_FromTheFirstToTheLast()
    {
        var layout = Trend([City]);

        layout.Years.ShouldBe([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
        layout.X(2020).ShouldBeLessThan(layout.X(2021));
    }

    [Fact]
    public void Trend_YearsUnderTheAxis_NeverTouch_AndTheTargetYearAlwaysShows()
    {
        var layout = Trend([City], width: 200);

        var shown = layout.YearLabels();
        shown[layout.Years.ToList().IndexOf(2022)].ShouldBeTrue();
        shown[^1].ShouldBeTrue();
        var xs = layout.Years.Where((_, i) => shown[i]).Select(layout.X).ToList();
        xs.Zip(xs.Skip(1), (a, b) => b - a).ShouldAllBe(d => d >= ChartText.Width("2020", ChartStyle.FontSize) + 6);
    }

    [Fact]
    public void Trend_OneLine_PrintsItsValuesAbovePoints_ThatNeverTouch_AndAlwaysTheLast()
    {
        var layout = Trend([City]);

        var labels = layout.PointLabels(City);
        labels[^1].Shown.ShouldBeTrue();
        var shown = labels.Where(l => l.Shown).ToList();
        for (var i = 1; i < shown.Count; i++)
        {
            var (a, b) = (shown[i - 1], shown[i]);
            var room = (ChartText.Width($"{a.Point.Value:0.#}%", ChartStyle.ValueFontSize) + ChartText.Width($"{b.Point.Value:0.#}%", ChartStyle.ValueFontSize)) / 2;
            (layout.X(b.Point.Year) - layout.X(a.Point.Year)).ShouldBeGreaterThanOrEqualTo(room);
        }
        var free = labels.Where(l => layout.Milestones.All(m => m.Year != l.Point.Year)).ToList();   // milestones have their own test
        free.Where(l => layout.Y(l.Point.Value) - 17 >= layout.PlotTop).ShouldAllBe(l => l.Baseline < layout.Y(l.Point.Value));   // above, with room
        free.Where(l => l.Baseline > layout.Y(l.Point.Value)).ShouldAllBe(l => layout.Y(l.Point.Value) - 17 < layout.PlotTop);   // below only near the top
    }

    [Theory]
    [InlineData(99.8, 95)]    // the point at the top, its milestone just under it (the white paper's 2020 teachers)
    [InlineData(100, 90)]
    [InlineData(58, 60)]      // the milestone just above the point
    [InlineData(61, 60)]
    public void Trend_PrintedValue_StaysClearOfTheMilestonesDiamond(double value, double milestone)
    {
        var series = new TrendSeries("重庆市", [new(2018, 35.9m), new(2019, 61.9m), new(2020, (decimal)value)]);
        var layout = new TrendLayout([series], "%", 2020, (decimal)milestone, [new YearValue(2020, (decimal)milestone)], ChartValues.Printed, 320, 210);

        var last = layout.PointLabels(series)[^1];
        var diamond = layout.Y((decimal)milestone);
        var (top, bottom) = (last.Baseline - ChartStyle.ValueFontSize, last.Baseline);
        (bottom < diamond - 5 || top > diamond + 5).ShouldBeTrue($"the value's line {top:F1}–{bottom:F1} crosses the diamond at {diamond:F1} ± 5");
        top.ShouldBeGreaterThanOrEqualTo(layout.PlotTop);
        bottom.ShouldBeLessThanOrEqualTo(layout.PlotBottom);
    }

    [Fact]
    public void Trend_SeveralLines_HaveALegend_AndTheirLastValuesInTheMargin_SpreadFromTheTargetsLabel()
    {
        TrendSeries[] lines = [City, new("渝中区", [new(2019, 88), new(2026, 90.5m)]), new("万州区", [new(2019, 30), new(2026, 89)])];
        var layout = Trend(lines, width: 650);

        layout.Legend().Select(l => l.Text).ShouldBe(["重庆市", "渝中区", "万州区", "阶段目标"]);
        var margin = layout.MarginLabels();
        margin.Count.ShouldBe(4);           // the target's and three last values, all near 90
        var ys = margin.Select(m => m.Y).Order().ToList();
        ys.Zip(ys.Skip(1), (a, b) => b - a).ShouldAllBe(d => d >= ChartStyle.FontSize + 2 - 1e-9);
        layout.PointLabels(City).ShouldAllBe(l => !l.Shown);
    }

    [Fact]
    public void Trend_OnHover_PutsNoValuesInTheMargin()
    {
        TrendSeries[] lines = [City, new("渝中区", [new(2019, 88), new(2026, 90.5m)])];

        Trend(lines, ChartValues.OnHover).MarginLabels().Select(m => m.Text).ShouldBe(["目标 90%"]);
    }
}
