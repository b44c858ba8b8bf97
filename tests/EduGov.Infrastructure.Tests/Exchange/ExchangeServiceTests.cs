using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Exchange;
using EduGov.Infrastructure.Security;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Exchange;

/// <summary>The exchange reads on the seeded demo: scoped like the pages, paged by id, incremental where rows keep a time.</summary>
public sealed class ExchangeServiceTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private TestDatabase Db => seeded.Db;
    private ExchangeService Exchange => Db.Get<ExchangeService>();

    public static TheoryData<string> Roles => ["commission", "district", "principal", "inspector"];

    private static AccessScope ScopeOf(string role) => role switch
    {
        "commission" => Scopes.Commission,
        "district" => Scopes.District,
        "principal" => Scopes.Principal,
        _ => Scopes.Inspector,
    };

    private async Task<HashSet<string>> CodesUnderAsync(string path)
    {
        await using var db = Db.Open();
        return (await db.OrgUnits.Where(u => u.Path.StartsWith(path)).Select(u => u.Code).ToListAsync()).ToHashSet();
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task OrgUnits_EachRole_AreExactlyTheUnitsItsStaffSee(string role)
    {
        var scope = ScopeOf(role);

        var page = await Exchange.OrgUnitsAsync(scope, new ExchangeFilter(), new PageQuery(1, 1000));

        var expected = await CodesUnderAsync(scope.OrgPath!);
        page.Items.Select(u => u.Code).ToHashSet().SetEquals(expected).ShouldBeTrue();
        page.Total.ShouldBe(expected.Count);
    }

    [Fact]
    public async Task OrgUnits_PageByPage_AreOrderedById_WithoutOverlap()
    {
        var first = await Exchange.OrgUnitsAsync(Scopes.District, new ExchangeFilter(), new PageQuery(1, 3));
        var second = await Exchange.OrgUnitsAsync(Scopes.District, new ExchangeFilter(), new PageQuery(2, 3));

        first.Items.Count.ShouldBe(3);
        first.Items.Concat(second.Items).Select(u => u.Id).ShouldBeInOrder(SortDirection.Ascending);
        second.Items[0].Id.ShouldBeGreaterThan(first.Items[^1].Id);
        (first.Total, first.Page, second.Page).ShouldBe((second.Total, 1, 2));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task IndicatorValues_EachRole_OnlyOfUnitsInScope_EachWithItsSourcesLink(string role)
    {
        var scope = ScopeOf(role);

        var page = await Exchange.IndicatorValuesAsync(scope, new ExchangeFilter(), new PageQuery(1, 1000));

        var codes = await CodesUnderAsync(scope.OrgPath!);
        page.Items.ShouldNotBeEmpty();
        page.Items.ShouldAllBe(v => codes.Contains(v.OrgUnitCode));
        page.Items[0].Sources.ShouldBe(ExchangeService.SourcesLink(page.Items[0].IndicatorCode, page.Items[0].OrgUnitCode, page.Items[0].Year));
    }

    [Fact]
    public async Task IndicatorValues_UpdatedSince_OnlyTheRowsRecordedLater()
    {
        await using var db = Db.Open();
        var times = await db.IndicatorValues.Where(v => v.OrgUnit.Path.StartsWith("/500000/")).Select(v => v.RecordedAtUtc).Distinct().OrderBy(t => t).ToListAsync();
        times.Count.ShouldBeGreaterThan(1);
        var since = times[times.Count / 2];

        var page = await Exchange.IndicatorValuesAsync(Scopes.Commission, new ExchangeFilter(), new PageQuery(1, 1000, DateTime.SpecifyKind(since, DateTimeKind.Utc)));

        page.Total.ShouldBe(await db.IndicatorValues.CountAsync(v => v.OrgUnit.Path.StartsWith("/500000/") && v.RecordedAtUtc > since));
        page.Items.ShouldAllBe(v => v.UpdatedAtUtc > since);
    }

    [Fact]
    public async Task ApprovedFilings_District_OnlyApprovedFilingsOfItsSchools_WithTheirApproval()
    {
        var page = await Exchange.ApprovedFilingsAsync(Scopes.District, new ExchangeFilter(), new PageQuery(1, 1000));

        await using var db = Db.Open();
        var expected = await (from f in db.Filings
                              join s in db.OrgUnits on f.SchoolId equals s.Id
                              where f.Status == FilingStatus.Approved && s.Path.StartsWith("/500000/500103/")
                              select f.Id).OrderBy(id => id).ToListAsync();
        page.Items.Select(f => f.Id).ShouldBe(expected);
        page.Items.ShouldAllBe(f => f.ApprovedBy != "" && f.Figures.Classrooms != null);
    }

    [Fact]
    public async Task Compliance_Principal_OnlyItsSchool()
    {
        var page = await Exchange.ComplianceAsync(Scopes.Principal, new ExchangeFilter(), new PageQuery(1, 1000));

        page.Items.ShouldNotBeEmpty();
        page.Items.ShouldAllBe(t => t.SchoolCode == DemoUsers.PrincipalSchoolCode && t.Met <= t.Total);
    }

    [Fact]
    public async Task Rectifications_District_OnlyItemsOfItsUnits()
    {
        var city = await Exchange.RectificationsAsync(Scopes.Commission, new ExchangeFilter(), new PageQuery(1, 1000));
        var district = await Exchange.RectificationsAsync(Scopes.District, new ExchangeFilter(), new PageQuery(1, 1000));

        var codes = await CodesUnderAsync("/500000/500103/");
        district.Items.ShouldAllBe(r => codes.Contains(r.UnitCode));
        city.Items.Where(r => codes.Contains(r.UnitCode)).Select(r => r.Id).ShouldBe(district.Items.Select(r => r.Id));
        city.Total.ShouldBeGreaterThan(district.Total);
    }

    [Fact]
    public async Task Inspections_UpdatedSince_OnlyThoseRecordedLater()
    {
        var all = await Exchange.InspectionsAsync(Scopes.Inspector, new ExchangeFilter(), new PageQuery(1, 1000));
        var recorded = all.Items.Where(i => i.RecordedAtUtc is not null).OrderBy(i => i.RecordedAtUtc).ToList();
        recorded.Count.ShouldBeGreaterThan(1);
        var since = recorded[0].RecordedAtUtc!.Value;

        var later = await Exchange.InspectionsAsync(Scopes.Inspector, new ExchangeFilter(), new PageQuery(1, 1000, since));

        later.Items.Select(i => i.Id).ShouldBe(recorded.Where(i => i.RecordedAtUtc > since).Select(i => i.Id).OrderBy(id => id));
    }

    [Fact]
    public async Task SecuritySummary_District_CountsAsTheDashboard_AndPagesItsSchools()
    {
        var unitId = await Db.UnitIdAsync("500103");
        var (unit, children) = await Db.Get<SecurityService>().DashboardAsync(Scopes.District, unitId);

        var summary = await Exchange.SecuritySummaryAsync(Scopes.District, unitId, new PageQuery(1, 5));

        summary.Unit.Totals.ShouldBe(unit.Totals);
        (summary.Children.Items.Count, summary.Children.Total).ShouldBe((Math.Min(5, children.Count), children.Count));
    }
}
