using EduGov.Domain.Filing;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Seeding;

/// <summary>Years of history in the demo: approved filings from 2019, districts moving at their own pace, milestone years with values.</summary>
public sealed class DemoHistoryTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;

    [Fact]
    public async Task EverySchool_HasAnApprovedFilingForEachYearFrom2019To2025()
    {
        await using var db = _db.Open();
        var schools = await db.OrgUnits.CountAsync(u => u.Kind == Domain.Organisation.OrgUnitKind.School);
        var byYear = await (from f in db.Filings
                            join p in db.ReportingPeriods on f.PeriodId equals p.Id
                            where p.Year < DemoFilings.OpenYear
                            group f by p.Year into g
                            select new { Year = g.Key, Count = g.Count(), Approved = g.Count(f => f.Status == FilingStatus.Approved) }).ToListAsync();

        byYear.Select(y => y.Year).Order().ShouldBe(Enumerable.Range(2019, 7));
        byYear.ShouldAllBe(y => y.Count == schools && y.Approved == schools);
    }

    [Fact]
    public async Task TheMilestoneYears2020And2022_ShowComputedValues_ForTheCoverageIndicators()
    {
        await using var db = _db.Open();
        var plan = await db.Plans.SingleAsync(p => p.StartYear == 2018 && p.EndYear == 2022 && p.OrgUnit.Code == "500000");
        var progress = _db.Get<ProgressService>();

        foreach (var year in new[] { 2020, 2022 })
        {
            var report = await progress.GetAsync(Scopes.Commission, plan.Id, "500000", year);
            var coverage = report.Rows.Where(r => r.Code is "CQ5-01" or "CQ5-02" or "CQ5-03").ToList();
            coverage.Count.ShouldBe(3);
            coverage.ShouldAllBe(r => r.Source == ValueSource.Computed && r.ActualYear == year && r.Actual != null);
        }
    }

    [Fact]
    public async Task Districts_MoveAtTheirOwnPace_MostImproving_SomeStalledOrSlipping()
    {
        await using var db = _db.Open();
        // The share of multimedia classrooms per district, 2019 and 2025, from the approved filings themselves.
        var shares = await (from f in db.Filings
                            join p in db.ReportingPeriods on f.PeriodId equals p.Id
                            join s in db.OrgUnits on f.SchoolId equals s.Id
                            join d in db.OrgUnits on s.ParentId equals d.Id
                            where (p.Year == 2019 || p.Year == 2025) && d.Path.StartsWith("/500000/")
                            select new { d.Code, p.Year, f.Survey.MultimediaClassrooms, f.Survey.Classrooms }).ToListAsync();
        var change = shares.GroupBy(x => x.Code).ToDictionary(g => g.Key, g =>
        {
            decimal Share(int year) => g.Where(x => x.Year == year).Sum(x => (decimal)x.MultimediaClassrooms!.Value) / g.Where(x => x.Year == year).Sum(x => (decimal)x.Classrooms!.Value);
            return Share(2025) - Share(2019);
        });

        change.Count.ShouldBe(38);
        change.Values.Count(c => c > 0.05m).ShouldBeGreaterThan(change.Count / 2);
        change.Values.ShouldContain(c => c <= 0.01m);
        // Each district's change follows its pace: the fast ones gained the most.
        var pace = change.Keys.ToDictionary(code => code, code => DemoFilings.PaceOf(code, _db.Get<Microsoft.Extensions.Options.IOptions<EduGovOptions>>().Value.Demo.Seed));
        change.Where(c => pace[c.Key] == DemoFilings.Pace.Fast).Min(c => c.Value)
            .ShouldBeGreaterThan(change.Where(c => pace[c.Key] is DemoFilings.Pace.Stalled or DemoFilings.Pace.Slipping).Max(c => c.Value));
    }

    [Fact]
    public void Paces_AreFixedPerDistrictAndSeed_AndCoverEveryKind()
    {
        var codes = Enumerable.Range(500101, 60).Select(c => c.ToString()).ToList();
        codes.Select(c => DemoFilings.PaceOf(c, 7)).ShouldBe(codes.Select(c => DemoFilings.PaceOf(c, 7)));
        codes.Select(c => DemoFilings.PaceOf(c, 7)).Distinct().Count().ShouldBe(Enum.GetValues<DemoFilings.Pace>().Length);
        DemoFilings.LevelBefore(DemoFilings.Pace.Slipping, 3).ShouldBeGreaterThan(1);
        DemoFilings.LevelBefore(DemoFilings.Pace.Fast, 6).ShouldBeLessThan(DemoFilings.LevelBefore(DemoFilings.Pace.Steady, 6));
    }
}
