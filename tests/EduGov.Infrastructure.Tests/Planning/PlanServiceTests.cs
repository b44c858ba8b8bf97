using EduGov.Domain.Common;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Planning;

public sealed class PlanServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private PlanService Plans => _db.Get<PlanService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demo: false);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<PlanDetails> NewPlanAsync(string unitCode = "500000") =>
        new("重庆市教育数字化行动计划（2026—2030年）", "渝教发〔2026〕1号", "重庆市教育委员会", await _db.UnitIdAsync(unitCode),
            new DateOnly(2026, 3, 1), 2026, 2030, null);

    [Fact]
    public async Task Create_ByCommission_AddsThePlanAndAuditsIt()
    {
        var id = await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync());

        var view = await Plans.GetAsync(Scopes.Commission, id);
        view.Plan.DocumentNumber.ShouldBe("渝教发〔2026〕1号");
        view.CanEdit.ShouldBeTrue();
        await using var db = _db.Open();
        (await db.AuditEntries.AnyAsync(a => a.Actor == "commission" && a.Action == "Added" && a.Entity == "Plan")).ShouldBeTrue();
    }

    [Fact]
    public async Task Create_ForAnotherCity_IsForbidden()
    {
        await Should.ThrowAsync<ForbiddenException>(async () => await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync("430100")));
    }

    [Theory]
    [InlineData("district")]
    [InlineData("inspector")]
    [InlineData("admin")]
    public async Task Create_ByAnyoneButCommission_IsForbidden(string user)
    {
        var scope = user switch { "district" => Scopes.District, "inspector" => Scopes.Inspector, _ => Scopes.Admin };
        await Should.ThrowAsync<ForbiddenException>(async () => await Plans.CreateAsync(scope, await NewPlanAsync("500103")));
    }

    [Fact]
    public async Task SaveIndicator_WithBadTarget_SavesNothing()
    {
        var id = await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync());
        var plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        var details = new IndicatorDetails("X-01", "智慧校园覆盖率", "%", Direction.Increase, ValueSource.Reported, null, null, null, null, null, null);

        var error = await Should.ThrowAsync<DomainException>(() => Plans.SaveIndicatorAsync(Scopes.Commission, id, plan.Version, null, details,
            [new TargetDetails(2027, 60, null), new TargetDetails(2030, 120, null)]));

        error.Code.ShouldBe(ErrorCodes.PercentOutOfRange);
        var after = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        after.Indicators.ShouldBeEmpty();
        after.Version.ShouldBe(plan.Version);
    }

    [Fact]
    public async Task SaveIndicator_WithTargets_StoresThemByYear()
    {
        var id = await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync());
        var plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        await Plans.SaveTaskAsync(Scopes.Commission, id, plan.Version, null, new TaskDetails("二（一）", "建设智慧校园", "二、主要任务", "市教委", null, null));
        plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;

        await Plans.SaveIndicatorAsync(Scopes.Commission, id, plan.Version, null,
            new IndicatorDetails("X-01", "智慧校园覆盖率", "%", Direction.Increase, ValueSource.Reported, null, 35, 2025, "中小学", null, "二（一）"),
            [new TargetDetails(2030, 90, null), new TargetDetails(2027, 60, "阶段目标")]);

        var indicator = (await Plans.GetAsync(Scopes.Commission, id)).Plan.Indicators.Single();
        indicator.Targets.Select(t => (t.Year, t.Value)).ShouldBe([(2027, 60m), (2030, 90m)]);
        indicator.Task!.Number.ShouldBe("二（一）");
    }

    [Fact]
    public async Task Edit_WithAStaleVersion_IsRefusedAndChangesNothing()
    {
        var id = await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync());
        var stale = (await Plans.GetAsync(Scopes.Commission, id)).Plan.Version;
        await Plans.SaveTaskAsync(Scopes.Commission, id, stale, null, new TaskDetails("1", "第一项", null, null, null, null));

        var error = await Should.ThrowAsync<DomainException>(() =>
            Plans.SaveTaskAsync(Scopes.Commission, id, stale, null, new TaskDetails("2", "第二项", null, null, null, null)));

        error.Code.ShouldBe(ErrorCodes.ConcurrentEdit);
        (await Plans.GetAsync(Scopes.Commission, id)).Plan.Tasks.Select(t => t.Number).ShouldBe(["1"]);
    }

    [Fact]
    public async Task Edit_SeedPlanOfYuzhong_ByChongqingCommission_IsAllowed_ByInspector_Forbidden()
    {
        var id = await _db.PlanIdAsync("500103", "渝中区");
        var plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        var milestone = new MilestoneDetails("建成区级教育数据中台", 2028, MilestoneStatus.InProgress, null, "14");

        await Should.ThrowAsync<ForbiddenException>(() => Plans.SaveMilestoneAsync(Scopes.Inspector, id, plan.Version, null, milestone));
        await Plans.SaveMilestoneAsync(Scopes.Commission, id, plan.Version, null, milestone);

        (await Plans.GetAsync(Scopes.Commission, id)).Plan.Milestones.ShouldContain(m => m.Title == "建成区级教育数据中台" && m.Task!.Number == "14");
    }

    [Fact]
    public async Task DeleteTask_StillUsedByIndicators_IsRefused()
    {
        var id = await _db.PlanIdAsync("500000", "五年工作方案");
        var plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        var task = plan.Tasks.Single(t => t.Number == "二（二）");

        var error = await Should.ThrowAsync<DomainException>(() => Plans.DeleteTaskAsync(Scopes.Commission, id, plan.Version, task.Id));
        error.Code.ShouldBe(ErrorCodes.TaskInUse);
    }

    [Fact]
    public async Task Delete_PlanWithoutValues_RemovesItWithItsContents()
    {
        var id = await Plans.CreateAsync(Scopes.Commission, await NewPlanAsync());
        var plan = (await Plans.GetAsync(Scopes.Commission, id)).Plan;
        await Plans.SaveIndicatorAsync(Scopes.Commission, id, plan.Version, null,
            new IndicatorDetails("X-01", "指标", "个", Direction.Increase, ValueSource.Reported, null, null, null, null, null, null), [new TargetDetails(2030, 5, null)]);

        await Plans.DeleteAsync(Scopes.Commission, id, (await Plans.GetAsync(Scopes.Commission, id)).Plan.Version);

        await Should.ThrowAsync<NotFoundException>(() => Plans.GetAsync(Scopes.Commission, id));
        await using var db = _db.Open();
        (await db.Indicators.AnyAsync(i => i.PlanId == id)).ShouldBeFalse();
    }
}
