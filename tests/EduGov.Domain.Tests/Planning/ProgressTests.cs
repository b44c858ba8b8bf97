using EduGov.Domain.Planning;
using static EduGov.Domain.Tests.Planning.PlanBuilder;

namespace EduGov.Domain.Tests.Planning;

public sealed class ProgressTests
{
    // 互动式多媒体教学设备占比: 40% by 2020, 60% by 2022 (渝府办发〔2019〕27号).
    private static Indicator Interactive() => Indicator(NewPlan(), (2020, 40), (2022, 60));

    [Fact]
    public void Evaluate_NoActual_IsNoData() =>
        Progress.Evaluate(Interactive(), 2021, null).ShouldBe(ProgressStatus.NoData);

    [Theory]
    [InlineData(2020, 40, ProgressStatus.Achieved)]
    [InlineData(2020, 39.9, ProgressStatus.Lagging)]
    [InlineData(2022, 60, ProgressStatus.Achieved)]
    [InlineData(2022, 59, ProgressStatus.Lagging)]
    [InlineData(2025, 59, ProgressStatus.Lagging)]
    public void Evaluate_InOrAfterTheTargetYear_MetOrLagging(int year, double actual, ProgressStatus expected) =>
        Progress.Evaluate(Interactive(), year, (decimal)actual).ShouldBe(expected);

    [Theory]
    [InlineData(50, ProgressStatus.OnTrack)]   // 2021 lies half-way from 40 (2020) to 60 (2022): 50 expected
    [InlineData(49, ProgressStatus.Lagging)]
    [InlineData(61, ProgressStatus.Achieved)]
    public void Evaluate_BetweenMilestones_ComparesWithTheStraightLine(double actual, ProgressStatus expected) =>
        Progress.Evaluate(Interactive(), 2021, (decimal)actual).ShouldBe(expected);

    [Fact]
    public void Evaluate_BeforeTheFirstTarget_UsesTheBaseline()
    {
        var plan = NewPlan();
        var indicator = plan.AddIndicator(Details(baseline: 10, baselineYear: 2018), [new TargetDetails(2020, 40, null)]);

        Progress.Evaluate(indicator, 2019, 25).ShouldBe(ProgressStatus.OnTrack);
        Progress.Evaluate(indicator, 2019, 24).ShouldBe(ProgressStatus.Lagging);
    }

    [Fact]
    public void Evaluate_BeforeTheFirstTargetWithoutBaseline_IsOnTrack() =>
        Progress.Evaluate(Interactive(), 2019, 1).ShouldBe(ProgressStatus.OnTrack);

    [Fact]
    public void Evaluate_LowerIsBetter_MetWhenAtOrBelow()
    {
        var plan = NewPlan();
        var incidents = plan.AddIndicator(Details(unit: "起", direction: Direction.Decrease), [new TargetDetails(2020, 5, null)]);

        Progress.Evaluate(incidents, 2020, 5).ShouldBe(ProgressStatus.Achieved);
        Progress.Evaluate(incidents, 2020, 6).ShouldBe(ProgressStatus.Lagging);
    }

    [Theory]
    [InlineData(2018, 2020)]
    [InlineData(2020, 2020)]
    [InlineData(2021, 2022)]
    [InlineData(2022, 2022)]
    [InlineData(2030, 2022)]
    public void TargetFor_IsTheNextMilestone_OrTheLastOne(int year, int targetYear) =>
        Interactive().TargetFor(year)!.Year.ShouldBe(targetYear);

    [Fact]
    public void EvaluateFor_ACountTheUnitsBelowAddUpTo_IsJudgedOnlyForTheIssuer()
    {
        var plan = NewPlan();
        var designated = plan.AddIndicator(Details(unit: "个", source: ValueSource.Computed, metric: "designations.active_count"), [new TargetDetails(2022, 10, null)]);

        Progress.EvaluateFor(designated, issuer: true, 2022, 3).ShouldBe(ProgressStatus.Lagging);
        Progress.EvaluateFor(designated, issuer: false, 2022, 3).ShouldBe(ProgressStatus.OnTrack);
        Progress.EvaluateFor(designated, issuer: false, 2022, null).ShouldBe(ProgressStatus.NoData);
        Progress.EvaluateFor(Interactive(), issuer: false, 2022, 59).ShouldBe(ProgressStatus.Lagging);
    }
}
