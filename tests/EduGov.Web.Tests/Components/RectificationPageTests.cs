using Bunit;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Supervision;
using EduGov.Web.Components.Pages.Supervision;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class RectificationPageTests : IAsyncLifetime
{
    private const string SchoolsItem = "校园网络安全应急预案未按要求修订";
    private static readonly AccessScope Inspector = new("inspector", Role.Inspector, "/500000/");
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    private readonly PortalContext _ctx = new();

    /// <summary>An inspection of the principal's school a month ago, with one item due yesterday.</summary>
    private async Task ArrangeAsync()
    {
        var inspections = _ctx.Services.GetRequiredService<InspectionService>();
        var school = (await _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(Inspector, DemoUsers.PrincipalSchoolCode)).Single().Id;
        var id = await inspections.PlanAsync(Inspector, school, Today.AddDays(-30));
        var scores = (await inspections.ChecklistAsync(Inspector)).Items.ToDictionary(i => i.Id, i => i.MaxScore);
        await inspections.RecordAsync(Inspector, id, new InspectionRecord(Today.AddDays(-30), ["陈明"], [], scores, "应急预案陈旧"));
        await inspections.RaiseAsync(Inspector, id, new NewRectification(school, SchoolsItem, Today.AddDays(-1)));
    }

    private IRenderedComponent<RectificationList> RenderAs(string user)
    {
        _ctx.SignInAs(user);   // before any service is resolved: bUnit takes no registrations after that
        ArrangeAsync().GetAwaiter().GetResult();
        var page = _ctx.RenderPage<RectificationList>();
        page.WaitForAssertion(() => page.FindAll("#rectification-table td.requirement").Count.ShouldBeGreaterThan(0), TimeSpan.FromSeconds(10));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<RectificationList> page, string requirement) =>
        page.FindAll("#rectification-table tbody tr").Single(tr => tr.QuerySelector("td.requirement")?.TextContent.Contains(requirement) == true);

    [Fact]
    public void Principal_SeesItsOverdueItemFlagged_WithTheAnswerButton_AndNoOtherUnitsItems()
    {
        var page = RenderAs("principal");

        var row = Row(page, SchoolsItem);
        row.QuerySelector(".overdue")!.TextContent.ShouldContain("逾期");
        row.QuerySelector(".answer-item").ShouldNotBeNull();
        row.QuerySelector(".accept-item").ShouldBeNull();
        page.Markup.ShouldNotContain(DemoInspections.OverdueRequirement);   // the district's own item
    }

    [Fact]
    public void Inspector_SeesEveryOverdueItemFlagged_ButAnswersNone()
    {
        var page = RenderAs("inspector");

        Row(page, SchoolsItem).QuerySelector(".overdue").ShouldNotBeNull();
        Row(page, DemoInspections.OverdueRequirement).QuerySelector(".overdue").ShouldNotBeNull();
        Row(page, DemoInspections.SchoolRequirement).QuerySelector(".overdue").ShouldBeNull();   // due in twenty days
        page.FindAll(".answer-item").ShouldBeEmpty();
    }

    [Fact]
    public void District_AnswersForItselfAndItsSchools()
    {
        var page = RenderAs("district");

        Row(page, DemoInspections.OverdueRequirement).QuerySelector(".answer-item").ShouldNotBeNull();
        Row(page, SchoolsItem).QuerySelector(".answer-item").ShouldNotBeNull();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
