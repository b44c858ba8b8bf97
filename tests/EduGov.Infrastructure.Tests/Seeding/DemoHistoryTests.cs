using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Planning;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Seeding;

/// <summary>
/// Years of history in the demo: approved filings from 2019, districts moving at their own pace, milestone years with values,
/// training over the years, a batch of designations each year, and the inspections of 2024 and 2025.
/// </summary>
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

    [Fact]
    public async Task TrainingIndicators_HaveAValueForEachYearOfTheirWindow_GrowingAsTeachersTrain()
    {
        await using var db = _db.Open();
        foreach (var (code, unit, years) in new[] { ("BZ-21", "511902", new[] { 2020, 2021, 2022 }), ("CQ5-21", "500103", new[] { 2018, 2019, 2020 }) })
        {
            var values = await db.IndicatorValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == code) && v.OrgUnit.Code == unit && v.Source == ValueSource.Computed)
                .OrderBy(v => v.Year).Select(v => new { v.Year, v.Value }).ToListAsync();

            values.Select(v => v.Year).ShouldBe(years);
            // A year's share counts the training completed up to its end: it can only grow within the window, and it did.
            values.Zip(values.Skip(1)).ShouldAllBe(pair => pair.Second.Value >= pair.First.Value);
            values[^1].Value.ShouldBeGreaterThan(values[0].Value);
        }
    }

    [Fact]
    public async Task TrainingRecords_AreSpreadOver2019To2025()
    {
        await using var db = _db.Open();
        var years = await db.TrainingRecords.GroupBy(r => r.CompletedOn.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync();

        years.Select(y => y.Year).Order().ShouldBe(Enumerable.Range(2019, 7));
        years.ShouldAllBe(y => y.Count > 0);
    }

    [Fact]
    public async Task Designations_CameInABatchEachYear_AndTheirCountGrows()
    {
        await using var db = _db.Open();
        var batches = await (from d in db.Designations
                             join p in db.Programmes on d.ProgrammeId equals p.Id
                             group d by new { p.Target, d.Batch } into g
                             select new { g.Key.Target, g.Key.Batch, Count = g.Count() }).ToListAsync();

        batches.Where(b => b.Target == DesignationTarget.Schools).Select(b => b.Batch).Order().ShouldBe(Enumerable.Range(2019, 7));
        batches.Where(b => b.Target == DesignationTarget.Districts).Select(b => b.Batch).Order().ShouldBe(DemoDesignations.DistrictBatches);
        // CQ5-23 (示范学校) for 重庆市, year by year: each batch adds to the count (none was revoked).
        var counts = await db.IndicatorValues.Where(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "CQ5-23") && v.OrgUnit.Code == "500000" && v.Year <= DemoDesignations.LastBatch)
            .OrderBy(v => v.Year).Select(v => v.Value).ToListAsync();
        counts.Count.ShouldBe(7);
        counts.Zip(counts.Skip(1)).ShouldAllBe(pair => pair.Second > pair.First);
        // Re-evaluated every year since their batch, and each report decided.
        var reports = await db.Designations.Include(d => d.Reports.OrderBy(r => r.Year)).AsNoTracking().ToListAsync();
        reports.ShouldAllBe(d => d.Reports.Select(r => r.Year).SequenceEqual(Enumerable.Range(d.Batch + 1, DemoDesignations.LastBatch - d.Batch)));
        reports.SelectMany(d => d.Reports).ShouldAllBe(r => r.Decision != null);
    }

    [Fact]
    public async Task Inspections_Of2024And2025_AreClosed_EachItemAnsweredWithARealEvidenceFile()
    {
        await using var db = _db.Open();
        var inspections = await db.Inspections.Where(i => i.InspectedOn!.Value.Year == 2024 || i.InspectedOn!.Value.Year == 2025).AsNoTracking().ToListAsync();
        var ids = inspections.Select(i => i.Id).ToList();
        var items = await db.RectificationItems.Where(r => ids.Contains(r.InspectionId)).AsNoTracking().ToListAsync();
        var itemIds = items.Select(r => (int?)r.Id).ToList();
        var files = await db.EvidenceFiles.Where(e => itemIds.Contains(e.RectificationItemId)).AsNoTracking().ToListAsync();

        inspections.GroupBy(i => i.InspectedOn!.Value.Year).Select(g => g.Key).Order().ShouldBe([2024, 2025]);
        inspections.ShouldAllBe(i => i.Status == InspectionStatus.Recorded && i.TotalScore > 0 && i.Findings != null);
        items.Count.ShouldBe(2 * inspections.Count);
        items.ShouldAllBe(r => r.Status == RectificationStatus.Accepted && r.Answer != null);
        files.Select(f => f.RectificationItemId).Distinct().Count().ShouldBe(items.Count);
        // The file is there, through the store the portal downloads from, and a PDF.
        var (_, content) = await _db.Get<EvidenceStore>().OpenAsync(Scopes.Admin, files[0].Id);
        await using (content)
        {
            var head = new byte[5];
            await content.ReadExactlyAsync(head);
            head.ShouldBe("%PDF-"u8.ToArray());
        }
    }

    [Fact]
    public void DesignationPicks_AreFixedPerSeedAndBatch_AndNeverTheSameUnitTwice()
    {
        var city = Domain.Organisation.OrgUnit.CreateRoot("500000", "重庆市");
        var district = city.AddDistrict("500103", "渝中区");
        var schools = DemoSchools.For(district, 40, 7).ToList();
        var designated = new HashSet<string>();

        var first = DemoDesignations.Pick(schools, designated, 5, 2019, 7);
        DemoDesignations.Pick(schools, designated, 5, 2019, 7).ShouldBe(first);
        designated.UnionWith(first.Select(s => s.Code));
        DemoDesignations.Pick(schools, designated, 5, 2020, 7).ShouldNotContain(s => first.Contains(s));
    }
}
