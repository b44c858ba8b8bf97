using System.Text.RegularExpressions;
using Bunit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Identity;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Components.Pages;
using EduGov.Web.Components.Pages.Workbench;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

/// <summary>The home page is the signed-in user's to-do list: what a user sees, in words, with no resource key or identifier.</summary>
public sealed partial class HomePageTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IRenderedComponent<Home> RenderAs(string user)
    {
        _ctx.SignInAs(user);
        var page = _ctx.RenderPage<Home>();
        page.WaitForAssertion(() => page.Find("#workbench-summary"), TimeSpan.FromSeconds(15));
        return page;
    }

    private static List<string> Titles(IRenderedComponent<Home> page) => page.FindAll(".work-group-title").Select(e => e.TextContent.Trim()).ToList();

    /// <summary>A resource key (Workbench.Due.Late, Enum.WorkKind.X), an enum or member name in PascalCase (FilingNotStarted), or a format hole ({0}).</summary>
    [GeneratedRegex(@"\b(Workbench|Enum|Home|Job)\.[A-Za-z]|\b[A-Z][a-z]+[A-Z][A-Za-z]+\b|\{\d")]
    private static partial Regex Identifier();

    [Fact]
    public void Principal_SeesItsTasks_MostUrgentFirst_EachALinkToWhereItIsDone()
    {
        var page = RenderAs("principal");

        var titles = Titles(page);
        titles.ShouldContain("本期填报尚未开始");
        titles.ShouldContain("等级测评到期");
        titles.ShouldContain("计划中的督导检查");
        titles.ShouldContain("正在受理申报的示范项目");
        // The overdue 等级测评 leads, and says so in words beside the colour.
        var first = page.FindAll(".work-group")[0];
        first.GetAttribute("data-urgency").ShouldBe("Overdue");
        var overdue = first.QuerySelector(".work-when.urgency-overdue")!.TextContent.Trim();
        overdue.ShouldMatch(@"^逾期 \d+ 天$");
        page.Find("#workbench-summary [data-count='overdue']").TextContent.ShouldStartWith("逾期 ");
        page.FindAll("a.work-task-link").Select(a => a.GetAttribute("href")).ShouldAllBe(href => href!.StartsWith('/'));
        page.FindAll("a.work-task-link").ShouldContain(a => a.GetAttribute("href")!.StartsWith("/filing/") && a.TextContent.Contains("2026年度"));
        page.Find("#plans-heading").TextContent.ShouldStartWith("适用的规划");
    }

    [Theory]
    [InlineData("principal")]
    [InlineData("district")]
    [InlineData("commission")]
    [InlineData("inspector")]
    [InlineData("admin")]
    public void EveryRolesPage_ShowsNoResourceKeyOrIdentifier(string user)
    {
        var page = RenderAs(user);

        var text = page.Find(".workbench").TextContent;
        page.FindAll(".work-task").Count.ShouldBeGreaterThan(0);
        var found = Identifier().Matches(text).Select(m => m.Value).ToList();
        found.ShouldBeEmpty(string.Join(", ", found));
    }

    [Fact]
    public void Commission_SeesTheDistrictsBehind_FiveAtFirst_ThenAll()
    {
        var page = RenderAs("commission");
        var group = page.FindAll(".work-group").Single(g => g.GetAttribute("data-kind") == "DistrictFilingBehind");
        var total = int.Parse(group.QuerySelector(".work-group-count")!.TextContent);
        total.ShouldBeGreaterThan(TaskGroupCard.Shown);
        group.QuerySelectorAll(".work-task").Length.ShouldBe(TaskGroupCard.Shown);
        group.QuerySelector(".work-detail")!.TextContent.ShouldContain("所学校未提交");

        page.FindAll(".work-group[data-kind='DistrictFilingBehind'] .work-more")[0].Click();

        page.FindAll(".work-group[data-kind='DistrictFilingBehind'] .work-task").Count.ShouldBe(total);
    }

    [Fact]
    public void AUserWithNothingToDo_SeesTheEmptyState()
    {
        // An inspector of 长沙市: no inspection planned there, no review assigned, no message.
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("changsha-inspector");
        auth.SetRoles(nameof(Role.Inspector));
        auth.SetClaims(new System.Security.Claims.Claim(ScopeClaims.OrgPath, "/430100/"), new System.Security.Claims.Claim(ScopeClaims.DisplayName, "长沙市督学"));

        var page = _ctx.RenderPage<Home>();
        page.WaitForAssertion(() => page.Find("#workbench-summary"), TimeSpan.FromSeconds(15));

        page.Find(".empty-state").TextContent.ShouldContain("暂无待办");
        page.FindAll(".work-task").ShouldBeEmpty();
        page.Find("[data-count='total']").TextContent.ShouldBe("共 0 项待办");
    }

    [Fact]
    public async Task Refresh_ReadsTheTasksAgain_WhenTheWorkChanges()
    {
        var page = RenderAs("district");
        var period = (await _ctx.Services.GetRequiredService<FilingService>().CurrentPeriodAsync(Principal))!;
        var school = (await _ctx.Services.GetRequiredService<EduGov.Infrastructure.Organisation.OrgUnitService>().SearchAsync(Principal, DemoUsers.PrincipalSchoolCode)).Single().Id;
        var before = NotStarted(page);
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var survey = (await filings.GetAsync(Principal, period.Id, school)).Survey with { Narrative = "本年度新增互动式教室" };
        await filings.SubmitAsync(Principal, period.Id, school, null, survey);
        NotStarted(page).ShouldBe(before);

        await _ctx.Services.GetRequiredService<TaskRefresh>().RefreshAsync();

        page.WaitForAssertion(() => NotStarted(page).ShouldBe(before - 1));
    }

    private static readonly AccessScope Principal = new("principal", Role.Principal, $"/500000/500103/{DemoUsers.PrincipalSchoolCode}/");

    private static int NotStarted(IRenderedComponent<Home> page) =>
        int.Parse(Regex.Match(page.Find(".work-group[data-kind='SchoolsNotStarted'] .work-detail").TextContent, @"\d+").Value);

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
