using Bunit;
using EduGov.Domain.Filing;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Organisation;
using EduGov.Web.Components.Pages.Coverage;
using EduGov.Web.Components.Pages.Filing;
using EduGov.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

/// <summary>The lists of the filing area: the district's review list, the commission's progress table, the coverage page's schools not yet filed.</summary>
public sealed class FilingListTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private (int Period, int District) Yuzhong()
    {
        var scope = _ctx.SignInAs("district");
        var period = _ctx.Services.GetRequiredService<FilingService>().CurrentPeriodAsync(scope).Result!.Id;
        var district = _ctx.Services.GetRequiredService<OrgUnitService>().SearchAsync(scope, "500103").Result.First(u => u.Code == "500103").Id;
        return (period, district);
    }

    private IRenderedComponent<FilingReview> RenderReview(string? filter)
    {
        var (period, district) = Yuzhong();
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"/filing/{period}/districts/{district}" + (filter is null ? "" : $"?filter={filter}"));
        var page = _ctx.RenderPage<FilingReview>(p => p.Add(x => x.PeriodId, period).Add(x => x.DistrictId, district));
        page.WaitForAssertion(() => page.FindAll("#review-table tbody tr .filing-status").Count.ShouldBeGreaterThan(0), TimeSpan.FromSeconds(10));
        return page;
    }

    private static IEnumerable<(string Status, string Action)> Rows(IRenderedComponent<FilingReview> page) =>
        page.FindAll("#review-table tbody tr").Select(r => (r.QuerySelector(".filing-status")!.GetAttribute("data-status")!, r.QuerySelector(".open-filing")!.TextContent.Trim()));

    [Fact]
    public void ReviewList_ApprovedRows_AreOpenedWith查看()
    {
        var page = RenderReview("Approved");

        Rows(page).ShouldAllBe(r => r.Status == "Approved" && r.Action == "查看");
        page.Markup.ShouldNotContain("（进行中）");
    }

    [Fact]
    public void ReviewList_SubmittedRows_AreOpenedWith审核()
    {
        var page = RenderReview(null);   // opens on the filings waiting for review

        Rows(page).ShouldAllBe(r => r.Status == "Submitted" && r.Action == "审核");
    }

    [Fact]
    public void ReviewList_LinkedToTheSchoolsNotYetFiled_ListsOnlyThem()
    {
        var page = RenderReview("notfiled");

        Rows(page).ShouldAllBe(r => r.Status == "NotStarted" || r.Status == "Draft" || r.Status == "Returned");
    }

    [Fact]
    public async Task CoveragePage_TheSchoolsBeyondTheFirst20_LinkToWhereTheyAreListed()
    {
        var scope = _ctx.SignInAs("commission");
        var period = (await _ctx.Services.GetRequiredService<FilingService>().CurrentPeriodAsync(scope))!.Id;
        var page = _ctx.RenderPage<CoverageDashboardPage>();

        page.WaitForAssertion(() => page.Find("a.not-filed-more"), TimeSpan.FromSeconds(10));
        var link = page.Find("a.not-filed-more");
        link.TextContent.ShouldMatch(@"^另有 \d+ 所，见填报审核页$");
        link.GetAttribute("href").ShouldBe($"/filing?period={period}");   // a city's: its districts' progress, each with its review list
    }

    [Fact]
    public async Task ProgressTable_TotalRow_HasTheShareOfTheSums()
    {
        var scope = _ctx.SignInAs("commission");
        var filings = _ctx.Services.GetRequiredService<FilingService>();
        var period = (await filings.CurrentPeriodAsync(scope))!;
        var rows = (await filings.CompletenessAsync(scope, period.Id, period.CityId));
        var expected = Coverage.Share(rows.Sum(r => r.Submitted + r.Approved), rows.Sum(r => r.Schools))!.Value;

        var page = _ctx.RenderPage<FilingOverview>();

        page.WaitForAssertion(() => page.Find("#completeness-table tfoot .total-share"), TimeSpan.FromSeconds(10));
        page.Find("#completeness-table tfoot .total-share").TextContent.Trim().ShouldBe($"{expected:0.0}%");
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
