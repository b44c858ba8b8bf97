using Bunit;
using EduGov.Infrastructure.Planning;
using EduGov.Web.Components.Pages.Planning;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class PlanPagesTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private int PlanId(string fragment)
    {
        var scope = new Domain.Organisation.AccessScope("admin", Domain.Organisation.Role.Admin, null);
        return _ctx.Services.GetRequiredService<PlanService>().ListAsync(scope).Result.Single(p => p.Title.Contains(fragment)).Id;
    }

    [Fact]
    public void PlanList_ForCommission_ShowsItsPlansWithNewButtonAndExports()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<PlanList>();

        page.WaitForAssertion(() => page.FindAll("a.plan-title").Count.ShouldBe(3));
        page.FindAll("a.plan-title").Select(a => a.TextContent).ShouldContain("重庆市智慧教育五年工作方案（2018—2022年）");
        page.Markup.ShouldContain("新建规划");
        page.Find("#export-xlsx").GetAttribute("href").ShouldBe("/api/plans/export.xlsx");
        page.Find("#export-csv").GetAttribute("href").ShouldBe("/api/plans/export.csv");
    }

    [Fact]
    public void PlanList_ForPrincipal_HasNoNewButton()
    {
        _ctx.SignInAs("principal");
        var page = _ctx.RenderPage<PlanList>();
        page.WaitForAssertion(() => page.FindAll("a.plan-title").Count.ShouldBe(3));
        page.Markup.ShouldNotContain("新建规划");
    }

    [Fact]
    public void PlanDetail_ShowsTargetsAndEditButtonsOnlyToCommission()
    {
        _ctx.SignInAs("commission");
        var id = PlanId("五年工作方案");
        var page = _ctx.RenderPage<PlanDetail>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Markup.ShouldContain("互动式多媒体教学设备占比"));
        page.Markup.ShouldContain("2020：不低于 40%");
        page.Markup.ShouldContain("2022：不低于 60%");
        page.Markup.ShouldContain("新增指标");
    }

    [Fact]
    public void PlanDetail_ForInspector_IsReadOnly()
    {
        _ctx.SignInAs("inspector");
        var id = PlanId("五年工作方案");
        var page = _ctx.RenderPage<PlanDetail>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Markup.ShouldContain("互动式多媒体教学设备占比"));
        page.Markup.ShouldNotContain("新增指标");
        page.Markup.ShouldNotContain("编辑");
    }

    [Fact]
    public void PlanDetail_OutOfScope_ShowsNotFound()
    {
        _ctx.SignInAs("principal");
        var changsha = PlanId("长沙市");
        var page = _ctx.RenderPage<PlanDetail>(p => p.Add(x => x.Id, changsha));

        page.WaitForAssertion(() => page.Markup.ShouldContain("未找到"));
        page.Markup.ShouldNotContain("长沙市智慧教育行动计划");
    }

    [Fact]
    public void PlanProgress_ForDistrict_OffersToRecordReportedValues()
    {
        _ctx.SignInAs("district");
        var id = PlanId("渝中区");
        var page = _ctx.RenderPage<PlanProgress>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Markup.ShouldContain("基础教育精品课资源"));
        page.FindAll("button.record-value").Count.ShouldBeGreaterThan(0);
        page.FindAll(".status-chip").Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void PlanProgress_ForInspector_HasNoRecordButtons()
    {
        _ctx.SignInAs("inspector");
        var id = PlanId("五年工作方案");
        var page = _ctx.RenderPage<PlanProgress>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => page.Markup.ShouldContain("普通高中精品选修在线课程"));
        page.FindAll("button.record-value").ShouldBeEmpty();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
