using EduGov.Domain.Planning;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

public sealed class CoverageTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;

    private async Task<int> PeriodAsync(int year)
    {
        await using var db = _db.Open();
        return await db.ReportingPeriods.Where(p => p.Year == year && db.OrgUnits.Any(c => c.Id == p.CityId && c.Code == "500000")).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task DistrictValue_IsTheRatioOfItsSchoolsSums()
    {
        var period = await PeriodAsync(2026);
        await using var db = _db.Open();
        var contributions = await (from f in db.Filings
                                   join s in db.OrgUnits on f.SchoolId equals s.Id
                                   where f.PeriodId == period && f.Status == FilingStatus.Approved && s.Path.StartsWith("/500000/500103/")
                                   select f.Contribution!).AsNoTracking().ToListAsync();
        var expected = Math.Round(100m * contributions.Sum(c => c.InteractiveClassrooms) / contributions.Sum(c => c.MultimediaClassrooms), 1);

        var stored = await db.IndicatorValues.Where(v => v.OrgUnit.Code == "500103" && v.Year == 2026
            && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "CQ5-03")).Select(v => v.Value).SingleAsync();

        stored.ShouldBe(expected);
    }

    [Fact]
    public async Task TotalsOfTheCitysSchools_GiveTheStoredCityValue()
    {
        var period = await PeriodAsync(2025);
        await using var db = _db.Open();
        var totals = await CoverageService.TotalsAsync(db, period, "/500000/", new SchoolFilter(), default);
        var stored = await db.IndicatorValues.Where(v => v.OrgUnit.Code == "500000" && v.Year == 2025
            && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "CQJW-10")).Select(v => v.Value).SingleAsync();

        Coverage.Value("filing.terminals_per_100", totals).ShouldBe(stored);
        totals.Schools.ShouldBe(await db.Filings.CountAsync(f => f.PeriodId == period && f.Status == FilingStatus.Approved));
    }

    [Fact]
    public async Task FullRecompute_GivesTheStoredValuesAgain()
    {
        var period = await PeriodAsync(2025);
        await using var db = _db.Open();
        var before = await db.IndicatorValues.Where(v => v.Year == 2025 && v.Source == Domain.Planning.ValueSource.Computed)
            .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Value }).OrderBy(v => v.IndicatorId).ThenBy(v => v.OrgUnitId).ToListAsync();

        await _db.Get<CoverageService>().RecomputePeriodAsync(period);

        var after = await db.IndicatorValues.Where(v => v.Year == 2025 && v.Source == Domain.Planning.ValueSource.Computed)
            .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Value }).OrderBy(v => v.IndicatorId).ThenBy(v => v.OrgUnitId).ToListAsync();
        after.ShouldBe(before);
        before.Count.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task Dashboard_ShowsTheCitysCoverageIndicatorsAgainstTargets()
    {
        var period = await PeriodAsync(2026);
        var city = await _db.UnitIdAsync("500000");
        var rows = await _db.Get<CoverageDashboard>().IndicatorsAsync(Scopes.Commission, period, city, new SchoolFilter());

        rows.Select(r => r.Code).ShouldContain("CQ5-03");
        rows.Select(r => r.Code).ShouldNotContain("BZ-01");
        var interactive = rows.Single(r => r.Code == "CQ5-03");
        (interactive.TargetYear, interactive.TargetValue).ShouldBe((2022, 60m));
        interactive.Value.ShouldNotBeNull();
    }

    [Fact]
    public async Task Dashboard_FilteredByRural_SumsOnlyRuralSchools()
    {
        var period = await PeriodAsync(2026);
        var city = await _db.UnitIdAsync("500000");
        var dashboard = _db.Get<CoverageDashboard>();
        var rural = (await dashboard.IndicatorsAsync(Scopes.Commission, period, city, new SchoolFilter(IsRural: true))).Single(r => r.Code == "CQ5-01");

        await using var db = _db.Open();
        var totals = await CoverageService.TotalsAsync(db, period, "/500000/", new SchoolFilter(IsRural: true), default);
        rural.Value.ShouldBe(Coverage.Value("filing.broadband_rate", totals));
    }

    [Fact]
    public async Task Comparison_ListsEveryDistrict_AndASchoolsPage()
    {
        var period = await PeriodAsync(2026);
        var dashboard = _db.Get<CoverageDashboard>();
        var city = await _db.UnitIdAsync("500000");
        var indicator = (await dashboard.IndicatorsAsync(Scopes.Commission, period, city, new SchoolFilter())).Single(r => r.Code == "CQ5-02").IndicatorId;

        var districts = await dashboard.ComparisonAsync(Scopes.Commission, period, city, indicator, new SchoolFilter());
        districts.Total.ShouldBe(38);
        districts.Items.Where(r => r.Value is not null).Select(r => r.Value!.Value).ShouldBeInOrder(SortDirection.Descending);

        var yuzhong = await _db.UnitIdAsync("500103");
        var schools = await dashboard.ComparisonAsync(Scopes.District, period, yuzhong, indicator, new SchoolFilter(SchoolType: SchoolType.Primary), pageSize: 5);
        schools.Items.ShouldAllBe(s => s.SchoolType == SchoolType.Primary);
        schools.Items.Count.ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public async Task Comparison_ShowsTheChangeOnLastYear_AndEachUnitsPlace()
    {
        var period = await PeriodAsync(2025);
        var dashboard = _db.Get<CoverageDashboard>();
        var city = await _db.UnitIdAsync("500000");
        var indicator = (await dashboard.IndicatorsAsync(Scopes.Commission, period, city, new SchoolFilter())).Single(r => r.Code == "CQ5-03").IndicatorId;

        var districts = (await dashboard.ComparisonAsync(Scopes.Commission, period, city, indicator, new SchoolFilter())).Items;

        await using var db = _db.Open();
        var stored = (await db.IndicatorValues.Where(v => v.IndicatorId == indicator && (v.Year == 2024 || v.Year == 2025)).ToListAsync())
            .ToDictionary(v => (v.OrgUnitId, v.Year), v => v.Value);
        foreach (var d in districts) (d.Previous, d.Change).ShouldBe((stored[(d.UnitId, 2024)], stored[(d.UnitId, 2025)] - stored[(d.UnitId, 2024)]));
        districts.ShouldAllBe(d => d.Peers == 38);
        districts.Select(d => d.Rank!.Value).ShouldBeInOrder(SortDirection.Ascending);   // highest value first, first place first
        districts[0].Rank.ShouldBe(1);
        districts.ShouldAllBe(d => d.Rank == 1 + districts.Count(o => o.Value > d.Value));
    }

    [Fact]
    public async Task Comparison_OfLikeSchools_RanksAmongThemOnly_AndNotAtAllWhenTooFew()
    {
        var period = await PeriodAsync(2025);
        var dashboard = _db.Get<CoverageDashboard>();
        var yuzhong = await _db.UnitIdAsync("500103");
        var indicator = (await dashboard.IndicatorsAsync(Scopes.District, period, yuzhong, new SchoolFilter())).Single(r => r.Code == "CQ5-03").IndicatorId;

        foreach (var band in Enum.GetValues<SizeBand>())
        {
            var like = await dashboard.ComparisonAsync(Scopes.District, period, yuzhong, indicator, new SchoolFilter(Size: band), pageSize: 500);
            await using var db = _db.Open();
            var (min, max) = SchoolSize.Range(band);
            var expected = await db.OrgUnits.Where(s => s.ParentId == yuzhong && s.School!.Students >= min && (max == null || s.School.Students < max)).CountAsync();
            like.Total.ShouldBe(expected);
            var peers = like.Items.Count(r => r.Value is not null);
            if (peers >= Places.MinimumToRank) like.Items.ShouldAllBe(r => r.Value == null || r.Rank == 1 + like.Items.Count(o => o.Value > r.Value));
            else like.Items.ShouldAllBe(r => r.Rank == null && r.Peers == peers);
        }
    }

    [Fact]
    public async Task Dashboard_ForAPrincipal_IsTheirSchoolOnly()
    {
        var period = await PeriodAsync(2026);
        var dashboard = _db.Get<CoverageDashboard>();
        var yuzhong = await _db.UnitIdAsync("500103");
        await Should.ThrowAsync<Common.NotFoundException>(() => dashboard.IndicatorsAsync(Scopes.Principal, period, yuzhong, new SchoolFilter()));
    }
}
