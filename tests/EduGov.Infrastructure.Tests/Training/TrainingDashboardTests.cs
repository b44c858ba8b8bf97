using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Organisation;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class TrainingDashboardTests(SeededDatabase seeded) : IClassFixture<SeededDatabase>
{
    private TrainingDashboard Dashboard => seeded.Db.Get<TrainingDashboard>();

    private async Task<int> IndicatorAsync(string code)
    {
        await using var db = seeded.Db.Open();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task Rules_AtTheCity_AreTheStoredValues_AgainstTheTargets()
    {
        var city = await seeded.Db.UnitIdAsync("500000");
        var indicator = await IndicatorAsync("CQ5-21");
        await using var db = seeded.Db.Open();
        var stored = await db.IndicatorValues.Where(v => v.OrgUnitId == city && v.IndicatorId == indicator && v.Year == 2020).Select(v => v.Value).SingleAsync();

        var rules = await Dashboard.RulesAsync(Scopes.Commission, city);

        rules.Select(r => r.Code).ShouldBe(["CQ5-20", "CQ5-21"]);
        var literacy = rules.Single(r => r.Code == "CQ5-21");
        (literacy.Year, literacy.Value, literacy.TargetValue).ShouldBe((2020, (decimal?)stored, (decimal?)100m));
        literacy.Status.ShouldBe(ProgressStatus.Lagging);
    }

    [Fact]
    public async Task Comparison_AtTheCity_ListsItsDistricts_LowestFirst()
    {
        var rows = await Dashboard.ComparisonAsync(Scopes.Commission, await seeded.Db.UnitIdAsync("500000"), await IndicatorAsync("CQ5-21"));

        rows.Count.ShouldBe(38);
        rows[0].Code.ShouldBe("500103");   // the only 重庆 district with a demo registry; the others have no value yet
        rows.Skip(1).ShouldAllBe(r => r.Value == null && r.Status == ProgressStatus.NoData);
        (rows[0].Rank, rows[0].Peers).ShouldBe((null, 1));   // one district with a share is no ranking
    }

    [Fact]
    public async Task Comparison_OfADistrictsSchools_GivesEachItsPlace_AndItsChangeOnLastYear()
    {
        var indicator = await IndicatorAsync("CQ5-21");
        var rows = await Dashboard.ComparisonAsync(Scopes.District, await seeded.Db.UnitIdAsync("500103"), indicator);

        var ranked = rows.Where(r => r.Value != null).ToList();
        ranked.Count.ShouldBeGreaterThanOrEqualTo(5);
        ranked.ShouldAllBe(r => r.Peers == ranked.Count && r.Rank == 1 + ranked.Count(o => o.Value > r.Value));
        await using var db = seeded.Db.Open();
        var before = await db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.Year == 2019).ToDictionaryAsync(v => v.OrgUnitId, v => v.Value);
        foreach (var row in rows) row.Previous.ShouldBe(before.TryGetValue(row.UnitId, out var b) ? b : null);
    }

    [Fact]
    public async Task Comparison_OfLikeSchools_RecountsEachShare_FromTheSelectedSchoolsTallies()
    {
        var indicator = await IndicatorAsync("CQ5-21");
        var (city, district) = (await seeded.Db.UnitIdAsync("500000"), await seeded.Db.UnitIdAsync("500103"));
        await using var db = seeded.Db.Open();
        var primary = await db.ComplianceTallies.Where(t => t.IndicatorId == indicator && t.Year == 2020
                && db.OrgUnits.Any(s => s.Id == t.SchoolId && s.ParentId == district && s.School!.Type == SchoolType.Primary))
            .Select(t => new { t.Met, t.Total }).ToListAsync();

        var byDistrict = await Dashboard.ComparisonAsync(Scopes.Commission, city, indicator, new SchoolFilter(SchoolType.Primary));

        byDistrict.Count.ShouldBe(38);
        byDistrict.Single(r => r.UnitId == district).Value.ShouldBe(Coverage.Share(primary.Sum(t => t.Met), primary.Sum(t => t.Total)));
        primary.Count.ShouldBeInRange(1, -1 + await db.ComplianceTallies.CountAsync(t => t.IndicatorId == indicator && t.Year == 2020
            && db.OrgUnits.Any(s => s.Id == t.SchoolId && s.ParentId == district)));   // the filter left some schools out

        // A district's primary schools only, each with the share stored for it, last year's too.
        var all = await Dashboard.ComparisonAsync(Scopes.District, district, indicator);
        var schools = await Dashboard.ComparisonAsync(Scopes.District, district, indicator, new SchoolFilter(SchoolType.Primary));
        var primaryIds = await db.OrgUnits.Where(s => s.ParentId == district && s.School!.Type == SchoolType.Primary).Select(s => s.Id).ToListAsync();
        schools.Select(r => r.UnitId).Order().ShouldBe(primaryIds.Order());
        foreach (var row in schools)
            (row.Value, row.Previous).ShouldBe((all.Single(r => r.UnitId == row.UnitId).Value, all.Single(r => r.UnitId == row.UnitId).Previous));
        schools.Where(r => r.Value != null).ShouldAllBe(r => r.Peers == schools.Count(o => o.Value != null));

        var types = await db.OrgUnits.Where(s => s.ParentId == district).Select(s => s.School!.Type).Distinct().ToListAsync();
        var absent = Enum.GetValues<SchoolType>().First(t => !types.Contains(t));
        (await Dashboard.ComparisonAsync(Scopes.District, district, indicator, new SchoolFilter(absent))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Detail_OfADistrict_CountsEveryTeacherOnce()
    {
        var detail = await Dashboard.DetailAsync(Scopes.District, await seeded.Db.UnitIdAsync("500103"), await IndicatorAsync("CQ5-21"));

        detail.Distribution.Sum(b => b.Teachers).ShouldBe(detail.Total);
        detail.ShortTotal.ShouldBe(detail.Total - detail.Met);
        detail.Short.ShouldAllBe(s => s.HoursShort > 0 || s.PracticeShort > 0);
        detail.Short.Select(s => s.HoursShort).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Detail_OfACity_IsNotOffered() =>
        await Should.ThrowAsync<NotFoundException>(async () =>
            await Dashboard.DetailAsync(Scopes.Commission, await seeded.Db.UnitIdAsync("500000"), await IndicatorAsync("CQ5-21")));

    [Fact]
    public async Task UnitsOutsideTheScope_AreNotFound()
    {
        var district = await seeded.Db.UnitIdAsync("500103");
        await Should.ThrowAsync<NotFoundException>(() => Dashboard.RulesAsync(Scopes.Principal, district));
        await Should.ThrowAsync<NotFoundException>(() => Dashboard.ComparisonAsync(Scopes.ChangshaCommission, district, 1));
    }

    [Fact]
    public async Task RulesOfAnotherCitysPlan_DoNotApply()
    {
        var school = await seeded.Db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        (await Dashboard.RulesAsync(Scopes.Principal, school)).ShouldNotContain(r => r.Code == "BZ-21");
        await Should.ThrowAsync<NotFoundException>(async () => await Dashboard.DetailAsync(Scopes.Principal, school, await IndicatorAsync("BZ-21")));
    }
}
