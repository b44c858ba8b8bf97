using Bunit;
using EduGov.Web.Components.Pages.Training;
using EduGov.Web.Tests.Support;

namespace EduGov.Web.Tests.Components;

public sealed class TrainingPageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IReadOnlyList<string> IdNumbersShownTo(string user)
    {
        _ctx.SignInAs(user);
        var page = _ctx.RenderPage<TeacherList>();
        page.WaitForAssertion(() => page.FindAll("td.id-number").Count.ShouldBeGreaterThan(5), TimeSpan.FromSeconds(10));
        return page.FindAll("td.id-number").Select(td => td.TextContent.Trim()).Where(t => t != "—").ToList();
    }

    [Fact]
    public void Principal_WhoKeepsTheRegistry_SeesFullIdNumbers()
    {
        var ids = IdNumbersShownTo("principal");
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => id.Length == 18 && !id.Contains('*'));
    }

    [Fact]
    public void TeacherList_ForTheRegistrysKeeper_OffersAddAndImportFromTheStart_WithoutASearch()
    {
        _ctx.SignInAs("principal");
        var page = _ctx.RenderPage<TeacherList>();
        page.WaitForAssertion(() => page.FindAll("td.id-number").Count.ShouldBeGreaterThan(5), TimeSpan.FromSeconds(10));

        page.Find("#add-teacher").TextContent.ShouldContain("新增教师");
        page.Find("#import-teachers").GetAttribute("href").ShouldBe("/training/import");
    }

    [Fact]
    public void TeacherList_IconButtons_SayWhatTheyDo_InChinese_AsLabelAndTooltip()
    {
        _ctx.SignInAs("principal");
        var page = _ctx.RenderPage<TeacherList>();
        page.WaitForAssertion(() => page.FindAll("td.id-number").Count.ShouldBeGreaterThan(5), TimeSpan.FromSeconds(10));

        var icons = page.FindAll("#teacher-table tbody button.mud-icon-button");
        icons.ShouldNotBeEmpty();
        icons.ShouldAllBe(b => b.GetAttribute("aria-label") == "编辑" && b.GetAttribute("title") == "编辑");
    }

    [Theory]
    [InlineData("inspector")]
    [InlineData("commission")]
    public void OtherRoles_SeeThemMasked(string user)
    {
        var ids = IdNumbersShownTo(user);
        ids.ShouldNotBeEmpty();
        ids.ShouldAllBe(id => id.Contains("********") && id.Length == 16);
    }

    [Fact]
    public void ATrainingShare_OpensItsSources_TheDistrictsTeachersAddingUpToIt()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<TrainingDashboardPage>();
        page.WaitForAssertion(() => page.Find("td.compliance-share[data-code='CQ5-21'] button.open-sources"), TimeSpan.FromSeconds(10));
        var shown = page.Find("td.compliance-share[data-code='CQ5-21']").TextContent.Trim();

        page.Find("td.compliance-share[data-code='CQ5-21'] button.open-sources").Click();

        _ctx.Dialogs.WaitForAssertion(() => _ctx.Dialogs.Find(".source-formula").TextContent.ShouldContain("达标教师数"), TimeSpan.FromSeconds(10));
        _ctx.Dialogs.Find(".source-value").TextContent.Trim().ShouldBe(shown);
        _ctx.Dialogs.Find(".source-parts thead").TextContent.ShouldContain("适用教师数");
        _ctx.Dialogs.FindAll(".source-parts thead th").Select(th => th.TextContent).ShouldNotContain("填报");   // no filings behind a training share
        _ctx.Dialogs.Find(".source-counted").TextContent.ShouldContain("培训学时记录");
    }

    [Fact]
    public void TrainingDashboard_ForAnAdministrator_OpensOnTheCityWithData_WithACityPicker()
    {
        _ctx.SignInAs("admin");
        var page = _ctx.RenderPage<TrainingDashboardPage>();

        page.WaitForAssertion(() => page.Find("#training-unit").TextContent.ShouldStartWith("重庆市"), TimeSpan.FromSeconds(10));
        page.FindAll("td.compliance-share").Count.ShouldBeGreaterThan(0);
        page.FindAll(".city-picker").ShouldHaveSingleItem();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
