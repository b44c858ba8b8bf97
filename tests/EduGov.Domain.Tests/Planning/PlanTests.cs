using EduGov.Domain.Common;
using EduGov.Domain.Planning;
using static EduGov.Domain.Tests.Planning.PlanBuilder;

namespace EduGov.Domain.Tests.Planning;

public sealed class PlanTests
{
    private static string CodeOf(Action action) => Should.Throw<DomainException>(action).Code;

    [Fact]
    public void Create_WithoutTitle_IsRefused() =>
        CodeOf(() => Plan.Create(new PlanDetails("  ", null, "市教委", 1, null, 2020, 2022, null))).ShouldBe(ErrorCodes.Required);

    [Fact]
    public void Create_EndBeforeStart_IsRefused() =>
        CodeOf(() => Plan.Create(new PlanDetails("方案", null, "市教委", 1, null, 2022, 2020, null))).ShouldBe(ErrorCodes.PeriodReversed);

    [Fact]
    public void Create_YearOutOfRange_IsRefused() =>
        CodeOf(() => Plan.Create(new PlanDetails("方案", null, "市教委", 1, null, 1999, 2020, null))).ShouldBe(ErrorCodes.YearOutOfRange);

    [Fact]
    public void Create_TrimsText()
    {
        var plan = Plan.Create(new PlanDetails("  方案 ", " ", " 市教委 ", 1, null, 2020, 2022, null));
        (plan.Title, plan.DocumentNumber, plan.Issuer).ShouldBe(("方案", null, "市教委"));
    }

    [Fact]
    public void AddTask_DuplicateNumber_IsRefused()
    {
        var plan = NewPlan();
        plan.AddTask(new TaskDetails("二（一）", "建设“渝教云”智慧教育平台", null, null, null, null));
        CodeOf(() => plan.AddTask(new TaskDetails("二（一）", "另一项", null, null, null, null))).ShouldBe(ErrorCodes.DuplicateNumber);
        plan.Tasks.Count.ShouldBe(1);
    }

    [Fact]
    public void AddIndicator_TargetOutsideThePeriod_IsRefused() =>
        CodeOf(() => Indicator(NewPlan(), (2023, 60))).ShouldBe(ErrorCodes.TargetYearOutsidePeriod);

    [Fact]
    public void AddIndicator_PercentAboveHundred_IsRefused() =>
        CodeOf(() => Indicator(NewPlan(), (2020, 100.1m))).ShouldBe(ErrorCodes.PercentOutOfRange);

    [Fact]
    public void AddIndicator_NegativeTarget_IsRefused() =>
        CodeOf(() => Indicator(NewPlan(), (2020, -1))).ShouldBe(ErrorCodes.NegativeValue);

    [Fact]
    public void AddIndicator_TwoTargetsForOneYear_IsRefused() =>
        CodeOf(() => Indicator(NewPlan(), (2020, 40), (2020, 50))).ShouldBe(ErrorCodes.DuplicateTargetYear);

    [Fact]
    public void AddIndicator_ComputedWithoutOrWithUnknownMetric_IsRefused()
    {
        CodeOf(() => NewPlan().AddIndicator(Details(source: ValueSource.Computed), [])).ShouldBe(ErrorCodes.MetricRequired);
        CodeOf(() => NewPlan().AddIndicator(Details(source: ValueSource.Computed, metric: "made.up"), [])).ShouldBe(ErrorCodes.UnknownMetric);
    }

    [Fact]
    public void AddIndicator_DuplicateCode_IsRefused()
    {
        var plan = NewPlan();
        Indicator(plan, (2020, 40));
        CodeOf(() => Indicator(plan, (2022, 60))).ShouldBe(ErrorCodes.DuplicateCode);
    }

    [Fact]
    public void AddIndicator_UnknownTaskNumber_IsRefused() =>
        CodeOf(() => NewPlan().AddIndicator(Details(task: "九（九）"), [])).ShouldBe(ErrorCodes.NotFound);

    [Fact]
    public void UpdateIndicator_ReplacesTargets_KeepingThoseStillThere()
    {
        var plan = NewPlan();
        var indicator = Indicator(plan, (2020, 40), (2022, 60));
        var kept = indicator.Targets.Single(t => t.Year == 2022);

        plan.UpdateIndicator(indicator, Details(), [new TargetDetails(2022, 65, "提高"), new TargetDetails(2021, 50, null)]);

        indicator.Targets.OrderBy(t => t.Year).Select(t => (t.Year, t.Value)).ShouldBe([(2021, 50m), (2022, 65m)]);
        indicator.Targets.ShouldContain(kept);
    }

    [Fact]
    public void RemoveTask_StillReferenced_IsRefused()
    {
        var plan = NewPlan();
        var task = plan.AddTask(new TaskDetails("二（二）", "完善智慧教育基础设施", null, null, null, null));
        plan.AddIndicator(Details(task: "二（二）"), [new TargetDetails(2020, 40, null)]);

        CodeOf(() => plan.RemoveTask(task)).ShouldBe(ErrorCodes.TaskInUse);
    }

    [Fact]
    public void Update_PeriodThatExcludesExistingTargets_IsRefused()
    {
        var plan = NewPlan();
        Indicator(plan, (2022, 60));
        CodeOf(() => plan.Update(new PlanDetails("方案", null, "市教委", 1, null, 2018, 2021, null))).ShouldBe(ErrorCodes.PeriodExcludesItems);
        plan.EndYear.ShouldBe(2022);
    }

    [Fact]
    public void EveryEdit_ChangesTheVersion()
    {
        var plan = NewPlan();
        var versions = new HashSet<Guid> { plan.Version };
        plan.AddTask(new TaskDetails("1", "任务", null, null, null, null));
        versions.Add(plan.Version).ShouldBeTrue();
        plan.AddMilestone(new MilestoneDetails("教育数字大脑建成投用", 2020, MilestoneStatus.NotStarted, null, null));
        versions.Add(plan.Version).ShouldBeTrue();
    }

    [Theory]
    [InlineData(MilestoneStatus.NotStarted, 2025, 2025, false)]
    [InlineData(MilestoneStatus.InProgress, 2025, 2026, true)]
    [InlineData(MilestoneStatus.Completed, 2025, 2026, false)]
    public void Milestone_IsOverdue_OnlyWhenPastDueAndNotCompleted(MilestoneStatus status, int due, int now, bool overdue)
    {
        var plan = NewPlan(2024, 2030);
        var milestone = plan.AddMilestone(new MilestoneDetails("渝中区教育数字大脑建成投用", due, status, null, null));
        milestone.IsOverdue(now).ShouldBe(overdue);
    }

    [Fact]
    public void Milestone_DueOutsideThePeriod_IsRefused() =>
        CodeOf(() => NewPlan().AddMilestone(new MilestoneDetails("目标", 2030, MilestoneStatus.NotStarted, null, null))).ShouldBe(ErrorCodes.TargetYearOutsidePeriod);

    [Fact]
    public void ReportedValue_ForAComputedIndicator_OrAFutureYear_IsRefused()
    {
        var plan = NewPlan();
        var computed = plan.AddIndicator(Details(code: "I-2", source: ValueSource.Computed, metric: "filing.interactive_share"), []);
        var reported = Indicator(plan, (2020, 40));
        var now = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

        CodeOf(() => IndicatorValue.Report(computed, 1, 2025, 50, null, "u", now)).ShouldBe(ErrorCodes.ValueNotAllowedForComputed);
        CodeOf(() => IndicatorValue.Report(reported, 1, 2027, 50, null, "u", now)).ShouldBe(ErrorCodes.YearInFuture);
        CodeOf(() => IndicatorValue.Report(reported, 1, 2025, 101, null, "u", now)).ShouldBe(ErrorCodes.PercentOutOfRange);
        IndicatorValue.Report(reported, 1, 2026, 45, null, "u", now).Value.ShouldBe(45);
    }
}
