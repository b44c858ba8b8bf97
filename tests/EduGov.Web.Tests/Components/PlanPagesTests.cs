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
    public void PlanProgress_ValueOpensItsSources_SchoolsAddingUpToIt()
    {
        _ctx.SignInAs("district");
        var id = PlanId("五年工作方案");
        _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/plans/{id}/progress?orgUnit=500103&year=2025");
        var page = _ctx.RenderPage<PlanProgress>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => page.Markup.ShouldContain("互动式多媒体教学设备占比"));
        var row = page.FindAll("#progress-table tbody tr").First(r => r.TextContent.Contains("CQ5-03"));
        var shown = row.QuerySelector("button.open-sources")!.TextContent.Trim();

        row.QuerySelector("button.open-sources")!.Click();

        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Markup.ShouldContain("互动式多媒体教室数 ÷ 多媒体教室数 = "));
        _ctx.Dialogs.Find(".source-value").TextContent.ShouldBe(shown);
        _ctx.Dialogs.Find(".source-formula").TextContent.ShouldEndWith("= " + shown);
        var schools = _ctx.Dialogs.FindAll(".source-parts tbody tr");
        schools.Count.ShouldBeGreaterThan(1);
        schools.ShouldAllBe(r => r.TextContent.Contains("审核通过"));
        int Sum(int column) => schools.Sum(r => int.Parse(r.QuerySelectorAll("td")[column].TextContent));
        var total = _ctx.Dialogs.Find(".source-total").QuerySelectorAll("th");
        (Sum(1), Sum(2)).ShouldBe((int.Parse(total[1].TextContent), int.Parse(total[2].TextContent)));
        _ctx.Dialogs.Find(".source-parts a").GetAttribute("href").ShouldStartWith("/filing/");
    }

    /// <summary>The sources panel of one value, opened the way the pages open it.</summary>
    private async Task<IRenderedComponent<MudBlazor.MudDialogProvider>> ShowSourcesAsync(Domain.Organisation.AccessScope scope, int indicator, string unit, int year)
    {
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>();
        var localizer = _ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        await dialogs.InvokeAsync(() => ValueSourcesDialog.ShowAsync(_ctx.Services.GetRequiredService<MudBlazor.IDialogService>(), localizer, scope, indicator, unit, year));
        return dialogs;
    }

    [Fact]
    public async Task ValueSources_WithoutAValue_SaysWhy()
    {
        var scope = _ctx.SignInAs("commission");
        var courses = await _ctx.Services.GetRequiredService<ValueSourcesService>().IndicatorIdAsync(scope, "CQ5-08");
        var dialogs = await ShowSourcesAsync(scope, courses, "500000", 2001);

        dialogs.WaitForAssertion(() => dialogs.Find(".source-missing").TextContent.ShouldContain("该年度尚未填报数值"));
        dialogs.Find(".source-value").TextContent.ShouldBe("无数据");
    }

    [Fact]
    public async Task ValueSources_OfACount_ListTheDesignationsStandingInTheYear()
    {
        var scope = _ctx.SignInAs("district");
        var schools = await _ctx.Services.GetRequiredService<ValueSourcesService>().IndicatorIdAsync(scope, "CQ5-23");
        var dialogs = await ShowSourcesAsync(scope, schools, "500103", 2025);

        dialogs.WaitForAssertion(() => dialogs.Find(".source-formula").TextContent.ShouldStartWith("截至 2025 年仍有效的认定："));
        var rows = dialogs.FindAll(".source-parts tbody tr");
        rows.Count.ShouldBe(int.Parse(dialogs.Find(".source-value").TextContent.TrimEnd('所')));
        rows.ShouldAllBe(r => r.QuerySelector("a")!.GetAttribute("href")!.StartsWith("/programmes/"));
    }

    [Fact]
    public async Task PlanProgress_OpenedFromADocumentsLink_ShowsThatValuesSources()
    {
        var scope = _ctx.SignInAs("commission");
        var id = PlanId("五年工作方案");
        var interactive = await _ctx.Services.GetRequiredService<ValueSourcesService>().IndicatorIdAsync(scope, "CQ5-03");
        _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>()
            .NavigateTo($"/plans/{id}/progress?orgUnit=500000&year=2025&sources={interactive}");
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var dialogs = _ctx.Render<MudBlazor.MudDialogProvider>();

        _ctx.RenderPage<PlanProgress>(p => p.Add(x => x.Id, id));

        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".source-formula").TextContent.ShouldStartWith("互动式多媒体教室数 ÷ 多媒体教室数 = "), TimeSpan.FromSeconds(10));
        dialogs.Markup.ShouldContain("重庆市 · 2025 年");
    }

    [Fact]
    public async Task ValueSources_OfASecurityRate_CountTheRegister_WithTheCitysOwnSystems()
    {
        var scope = _ctx.SignInAs("commission");
        var filed = await _ctx.Services.GetRequiredService<ValueSourcesService>().IndicatorIdAsync(scope, "CQ5-24");
        var dialogs = await ShowSourcesAsync(scope, filed, "500000", DateTime.Now.Year);

        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".source-formula").TextContent.ShouldStartWith("已备案的二级以上系统数 ÷ 二级以上系统数 = "), TimeSpan.FromSeconds(10));
        dialogs.Find(".source-counted").TextContent.ShouldContain("信息安全登记册的当前状态");
        dialogs.Find("a.open-register").GetAttribute("href").ShouldStartWith("/security?unit=");
        var rows = dialogs.FindAll(".source-parts tbody tr");
        rows.Count.ShouldBeGreaterThan(1);
        int Sum(int column) => rows.Sum(r => int.Parse(r.QuerySelectorAll("td")[column].TextContent));
        var total = dialogs.Find(".source-total").QuerySelectorAll("th");
        (Sum(1), Sum(2)).ShouldBe((int.Parse(total[1].TextContent), int.Parse(total[2].TextContent)));

        var localizer = _ctx.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
        await dialogs.InvokeAsync(() => ValueSourcesDialog.ShowAsync(_ctx.Services.GetRequiredService<MudBlazor.IDialogService>(), localizer, scope, filed, "500000", DateTime.Now.Year - 1));
        await dialogs.WaitForAssertionAsync(() => dialogs.Find(".source-missing").TextContent.ShouldContain("登记册只保存当前状态"), TimeSpan.FromSeconds(10));
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
