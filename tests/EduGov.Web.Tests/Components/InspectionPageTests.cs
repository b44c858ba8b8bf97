using Bunit;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Supervision;
using EduGov.Web.Components.Pages.Supervision;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace EduGov.Web.Tests.Components;

/// <summary>What an inspector sees on an inspection: who planned it, the record form and a recorded inspection's scope.</summary>
public sealed class InspectionPageTests : IAsyncLifetime
{
    private static readonly AccessScope Inspector = new("inspector", Role.Inspector, "/500000/");
    private readonly PortalContext _ctx = new();

    private InspectionService Inspections => _ctx.Services.GetRequiredService<InspectionService>();

    private IRenderedComponent<InspectionDetail> Planned(out int id)
    {
        _ctx.SignInAs("inspector");
        var school = _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(Inspector, DemoUsers.PrincipalSchoolCode).Result.Single().Id;
        var planned = id = Inspections.PlanAsync(Inspector, school, DateOnly.FromDateTime(DateTime.Today)).Result;
        var page = _ctx.RenderPage<InspectionDetail>(p => p.Add(x => x.Id, planned));
        page.WaitForAssertion(() => page.FindAll(".checklist-score input").Count.ShouldBe(10), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public void PlannedInspection_NamesWhoPlannedIt_ByNameAndUnit_NotLogin()
    {
        var page = Planned(out _);

        var plan = page.Find("#inspection-plan").TextContent;
        plan.ShouldContain("市级督学（重庆市）");
        plan.ShouldNotContain("· inspector");
    }

    [Fact]
    public async Task AScoreAboveTheLinesMaximum_IsShownAsAnError_AndNothingIsSaved()
    {
        var page = Planned(out var id);
        var scores = page.FindAll(".checklist-score input");
        scores[0].Input("12");   // the first line is worth 10
        for (var i = 1; i < scores.Count; i++) page.FindAll(".checklist-score input")[i].Input("1");
        page.Find(".inspectors-input input").Change("陈明");
        page.Find(".findings-input textarea").Change("应急预案陈旧");

        page.WaitForAssertion(() => page.Find(".checklist-score").TextContent.ShouldContain("分值应在 0 到 10 之间"));
        page.Find("#record-inspection").Click();

        page.WaitForAssertion(() => page.Find("#action-error").TextContent.ShouldContain("的分值应在 0 到 10 之间"));
        page.Find("#score-total").TextContent.ShouldContain("21");   // 12 counted as typed, never cut to 10
        (await Inspections.GetAsync(Inspector, id)).Status.ShouldBe(InspectionStatus.Planned);
    }

    [Fact]
    public void TheDateOfTheRecord_IsPickedAsYearMonthDay_AndThePickerClosesOnPick()
    {
        var page = Planned(out _);

        var picker = page.FindComponent<MudDatePicker>().Instance;
        (picker.AutoClose, picker.GetState(x => x.DateFormat), picker.TitleDateFormat).ShouldBe((true, "yyyy-MM-dd", "yyyy-MM-dd"));
    }

    [Fact]
    public async Task RecordedInspection_ShowsItsScopeCodesWhole()
    {
        _ctx.SignInAs("inspector");
        var recorded = (await Inspections.InspectionsAsync(Inspector, new InspectionQuery(Search: "500103", Status: InspectionStatus.Recorded))).Items.First().Id;
        var page = _ctx.RenderPage<InspectionDetail>(p => p.Add(x => x.Id, recorded));

        page.WaitForAssertion(() => page.FindAll(".scope-chip").Count.ShouldBeGreaterThan(0), TimeSpan.FromSeconds(10));
        page.FindAll(".scope-chip .code").Select(c => c.TextContent).ShouldContain("CQ5-01");
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
