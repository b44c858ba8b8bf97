using EduGov.Domain.Planning;
using static EduGov.Domain.Tests.Planning.PlanBuilder;

namespace EduGov.Domain.Tests.Planning;

public sealed class TrajectoryTests
{
    // 互动式多媒体教学设备占比: 40% by 2020, 60% by 2022; here a plan to 2026 with 90% in its last year.
    private static Indicator Interactive() => Indicator(NewPlan(2018, 2026), (2020, 40), (2022, 60), (2026, 90));

    private static YearValue[] Line(decimal first, decimal gain, params int[] years) => years.Select(y => new YearValue(y, first + gain * (y - years[0]))).ToArray();

    [Fact]
    public void OnLinearData_TheSlopeAndProjectionAreExact()
    {
        var trajectory = Trajectory.Of(Interactive(), 2025, Line(50, 5, 2021, 2022, 2023, 2024, 2025), withBaseline: false)!;

        trajectory.ObservedAnnualGain.ShouldBe(5);
        trajectory.Projection.ShouldBe(75);                     // 70 in 2025, five more by 2026
        trajectory.RequiredAnnualGain.ShouldBe(20);             // 90 − 70 in one year
        trajectory.Target.ShouldBe(new YearValue(2026, 90));
        trajectory.Start.ShouldBe(new YearValue(2022, 60));     // the milestone before the target
        trajectory.Outlook.ShouldBe(Outlook.WillMiss);          // a quarter of the 20 still open
    }

    [Fact]
    public void OneOddYear_DoesNotTurnTheLine()
    {
        var observed = Line(50, 5, 2019, 2020, 2021, 2022, 2023, 2024, 2025);
        observed[3] = new YearValue(2022, 5);                   // a typing error in one year

        var trajectory = Trajectory.Of(Interactive(), 2025, observed, withBaseline: false)!;

        trajectory.ObservedAnnualGain.ShouldBe(5);
        trajectory.Projection.ShouldBe(85);
    }

    [Fact]
    public void WithTooFewYears_ThereIsNoProjection_ButTheRequiredGainIsKnown()
    {
        var trajectory = Trajectory.Of(Interactive(), 2025, [new(2024, 60), new(2025, 70)], withBaseline: false)!;

        trajectory.Outlook.ShouldBe(Outlook.TooFewPoints);
        trajectory.ObservedAnnualGain.ShouldBeNull();
        trajectory.Projection.ShouldBeNull();
        trajectory.RequiredAnnualGain.ShouldBe(20);
    }

    [Fact]
    public void WithNoValues_TheOutlookIsTooFewPoints_FromTheMilestoneBefore()
    {
        var trajectory = Trajectory.Of(Interactive(), 2024, [], withBaseline: false)!;

        trajectory.Outlook.ShouldBe(Outlook.TooFewPoints);
        trajectory.Latest.ShouldBeNull();
        trajectory.Behind.ShouldBe(0);
    }

    [Theory]
    [InlineData(4, Outlook.WillMeet)]    // 66 in 2025 + 4 × 1 = 70 ≥ 70 (the 2026 target of a plan ending 2026 with 70%)
    [InlineData(3, Outlook.AtRisk)]      // 69: 3 of the 4 still open
    [InlineData(2, Outlook.AtRisk)]      // 68: exactly half the gap
    [InlineData(1, Outlook.WillMiss)]    // 67: a quarter
    [InlineData(-1, Outlook.WillMiss)]   // slipping
    public void TheOutlook_ComparesTheProjectionWithTheGapStillOpen(int gain, Outlook expected)
    {
        var indicator = Indicator(NewPlan(2018, 2026), (2026, 70));
        var observed = Line(66 - 3 * gain, gain, 2022, 2023, 2024, 2025);

        Trajectory.Of(indicator, 2025, observed, withBaseline: false)!.Outlook.ShouldBe(expected);
    }

    [Fact]
    public void AMetTarget_IsAchieved_AndAMissedTargetYear_IsMissed()
    {
        Trajectory.Of(Interactive(), 2021, [new(2020, 41), new(2021, 61)], withBaseline: false)!.Outlook.ShouldBe(Outlook.Achieved);
        Trajectory.Of(Interactive(), 2022, Line(40, 5, 2019, 2020, 2021, 2022), withBaseline: false)!.Outlook.ShouldBe(Outlook.Missed);
    }

    [Fact]
    public void AProjection_StaysWithinAShare()
    {
        var trajectory = Trajectory.Of(Interactive(), 2025, Line(55, 15, 2022, 2023, 2024), withBaseline: false)!;

        trajectory.Projection.ShouldBe(100);
        trajectory.Outlook.ShouldBe(Outlook.WillMeet);
    }

    [Fact]
    public void LowerIsBetter_ProjectsDownward()
    {
        var plan = NewPlan(2018, 2026);
        var incidents = plan.AddIndicator(Details(unit: "起", direction: Direction.Decrease), [new TargetDetails(2026, 5, null)]);

        var falling = Trajectory.Of(incidents, 2025, Line(20, -4, 2022, 2023, 2024, 2025), withBaseline: false)!;
        var flat = Trajectory.Of(incidents, 2025, Line(9, 0, 2022, 2023, 2024, 2025), withBaseline: false)!;

        falling.ObservedAnnualGain.ShouldBe(-4);
        falling.Projection.ShouldBe(4);
        falling.Outlook.ShouldBe(Outlook.WillMeet);
        flat.RequiredAnnualGain.ShouldBe(-4);
        flat.Outlook.ShouldBe(Outlook.WillMiss);
    }

    [Fact]
    public void TheIssuingUnitsBaseline_IsAPointOfItsHistory_AndStartsThePath()
    {
        var plan = NewPlan(2018, 2022);
        var indicator = plan.AddIndicator(Details(baseline: 10, baselineYear: 2018), [new TargetDetails(2022, 60, null)]);
        YearValue[] observed = [new(2019, 20), new(2020, 30)];

        var city = Trajectory.Of(indicator, 2020, observed, withBaseline: true)!;
        var district = Trajectory.Of(indicator, 2020, observed, withBaseline: false)!;

        city.Observed.Select(p => p.Year).ShouldBe([2018, 2019, 2020]);
        city.ObservedAnnualGain.ShouldBe(10);
        city.Start.ShouldBe(new YearValue(2018, 10));
        city.Expected(2020).ShouldBe(35);
        (city.Gap, city.Behind).ShouldBe((5m, 5m / 60));        // 5 behind the path, of a scale of 60
        district.Outlook.ShouldBe(Outlook.TooFewPoints);
        district.Start.ShouldBe(new YearValue(2018, 10));      // the plan's path still starts at its baseline
    }

    [Fact]
    public void WithoutMilestoneOrBaseline_ThePathStartsFromTheValueWhenThePlanBegan()
    {
        var indicator = Indicator(NewPlan(2021, 2026), (2026, 90));

        Trajectory.Of(indicator, 2025, Line(50, 5, 2019, 2020, 2021, 2022), withBaseline: false)!.Start.ShouldBe(new YearValue(2021, 60));
        Trajectory.Of(indicator, 2025, Line(50, 5, 2023, 2024), withBaseline: false)!.Start.ShouldBe(new YearValue(2023, 50));
    }

    [Fact]
    public void ValuesAfterTheYear_AreLeftOut()
    {
        var trajectory = Trajectory.Of(Interactive(), 2023, Line(50, 5, 2021, 2022, 2023, 2024, 2025), withBaseline: false)!;

        trajectory.Latest.ShouldBe(new YearValue(2023, 60));
        trajectory.Target.Year.ShouldBe(2026);
    }

    [Fact]
    public void AnIndicatorWithoutTargets_HasNoTrajectory() =>
        Trajectory.Of(Indicator(NewPlan()), 2025, Line(1, 1, 2023, 2024, 2025), withBaseline: false).ShouldBeNull();
}
