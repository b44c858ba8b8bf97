using EduGov.Domain.Audit;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Training;
using EduGov.Infrastructure.Designations;
using EduGov.Domain.Designations;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Seeding;

/// <summary>
/// Brings a database up to date at start-up: applies the provider's migrations, loads the reference data every
/// installation needs (the real divisions and the five seed plans), and, when demo data is on, the synthetic
/// schools, the demo accounts and demo reported values. Each step runs only when its data is missing.
/// </summary>
public sealed class DataSeeder(
    IDbContextFactory<EduGovDbContext> factory, IServiceProvider services, IOptions<EduGovOptions> options,
    TimeProvider clock, ILogger<DataSeeder> logger)
{
    private readonly DemoOptions _demo = options.Value.Demo;

    /// <summary>Who the histories name for demo data no demo account made: no account has this name, so it is shown as it is.</summary>
    private const string Seeded = "演示数据";

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Database.MigrateAsync(ct);
            // Readers and the one writer no longer block each other (the setting stays with the file).
            if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await SeedReferenceDataAsync(ct);
        if (!_demo.Enabled) return;
        await SeedDemoSchoolsAsync(ct);
        await SeedDemoUsersAsync(ct);
        await SeedDemoValuesAsync(ct);
        await SeedDemoFilingsAsync(ct);
        await SeedDemoTrainingAsync(ct);
        await SeedDemoDesignationsAsync(ct);
        await SeedDemoSecurityAsync(ct);
        await SeedDemoSurveillanceAsync(ct);
        await SeedDemoInspectionsAsync(ct);
        await SeedDemoUrgingsAsync(ct);
    }

    private async Task SeedReferenceDataAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (!await db.OrgUnits.AnyAsync(ct))
        {
            foreach (var city in Divisions.Cities)
            {
                var root = OrgUnit.CreateRoot(city.Code, city.Name);
                db.OrgUnits.Add(root);
                foreach (var (code, name) in city.Districts) db.OrgUnits.Add(root.AddDistrict(code, name));
            }
            await SaveAsync(db, "OrgUnit", "行政区划", ct);
        }
        if (!await db.Plans.AnyAsync(ct))
        {
            var units = await db.OrgUnits.Where(u => u.Kind != OrgUnitKind.School).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
            var seeds = PlanSeeds.Load();
            var plans = seeds.Select(seed => (Seed: seed, Plan: seed.ToPlan(units[seed.OrgUnitCode]))).ToList();
            db.Plans.AddRange(plans.Select(p => p.Plan));
            await SaveAsync(db, "Plan", "五份规划", ct);
            foreach (var (seed, plan) in plans)
            foreach (var indicator in seed.Indicators.Where(i => i.Rule is not null))
            {
                var rule = indicator.Rule!;
                db.ComplianceRules.Add(ComplianceRule.Create(plan.Indicators.Single(i => i.Code == indicator.Code).Id,
                    rule.MinHours, rule.MinPracticeHours, rule.WindowStart, rule.WindowEnd, rule.Posts, rule.Categories));
            }
            await SaveAsync(db, "ComplianceRule", "规划的培训学时要求", ct);
        }
        else await AddLaterSeedIndicatorsAsync(db, ct);
    }

    /// <summary>
    /// Indicators transcribed after the first release (the 等保 rates, with the security register) reach databases
    /// created before it. Only these are added, so an indicator the commission deleted on purpose stays deleted.
    /// </summary>
    private async Task AddLaterSeedIndicatorsAsync(EduGovDbContext db, CancellationToken ct)
    {
        var added = 0;
        foreach (var seed in PlanSeeds.Load())
        {
            var later = seed.Indicators.Where(i => i.Metric?.StartsWith("security.") == true).ToList();
            if (later.Count == 0) continue;
            var plan = await db.Plans.Include(p => p.Tasks).Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year))
                .AsSplitQuery().SingleOrDefaultAsync(p => p.Title == seed.Title, ct);
            if (plan is null) continue;
            foreach (var i in later.Where(i => plan.Indicators.All(existing => existing.Code != i.Code)))
            {
                i.AddTo(plan);
                added++;
            }
        }
        if (added > 0) await SaveAsync(db, "Indicator", $"{added} indicators added to the seed plans", ct);
    }

    /// <summary>
    /// Training counts made before they were kept per year (year 0) are recounted once: a school's change re-sums each year's
    /// value from every school's count of that year, so none may be missing.
    /// </summary>
    private async Task SeedDemoSchoolsAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.OrgUnits.AnyAsync(u => u.Kind == OrgUnitKind.School, ct)) return;
        var districts = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District).OrderBy(u => u.Code).ToListAsync(ct);
        var perCity = districts.GroupBy(d => d.ParentId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var total = 0;
        foreach (var district in districts)
        {
            var count = DemoSchools.CountFor(district.Code, _demo.Seed, _demo.Scale, perCity[district.ParentId!.Value]);
            var schools = DemoSchools.For(district, count, _demo.Seed).ToList();
            db.OrgUnits.AddRange(schools);
            total += schools.Count;
        }
        await SaveAsync(db, "OrgUnit", $"{total} demo schools ({_demo.Scale})", ct);
        logger.LogInformation("Generated {Count} demo schools at {Scale} scale", total, _demo.Scale);
    }

    private async Task SeedDemoUsersAsync(CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var db = await OpenAsync(ct);
        foreach (var account in DemoUsers.All)
        {
            if (await users.FindByNameAsync(account.UserName) is not null) continue;
            var unitId = account.OrgUnitCode is null ? (int?)null
                : await db.OrgUnits.Where(u => u.Code == account.OrgUnitCode).Select(u => u.Id).SingleAsync(ct);
            var user = new AppUser
            {
                UserName = account.UserName, DisplayName = account.DisplayName, Role = account.Role, OrgUnitId = unitId,
                LockoutEnabled = true,
            };
            var result = await users.CreateAsync(user, DemoUsers.Password);
            if (result.Succeeded && account.Role.NeedsTwoFactor())
            {
                result = await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", DemoUsers.AuthenticatorKey);
                if (result.Succeeded) result = await users.SetTwoFactorEnabledAsync(user, true);
            }
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo user {account.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>
    /// Reported values for the reported indicators of each seed plan at its issuing unit, for the years up to now,
    /// drawn deterministically so the progress pages show a realistic mix of 达成, 进展中 and 滞后.
    /// </summary>
    private async Task SeedDemoValuesAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.IndicatorValues.AnyAsync(ct)) return;
        var thisYear = clock.GetUtcNow().Year;
        var now = clock.GetUtcNow().UtcDateTime;
        var plans = await db.Plans.Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year)).AsSplitQuery().ToListAsync(ct);
        foreach (var plan in plans)
        {
            var random = new Random(_demo.Seed ^ plan.OrgUnitId ^ plan.StartYear);
            foreach (var indicator in plan.Indicators.Where(i => i.Source == ValueSource.Reported && i.Targets.Count > 0))
            {
                var final = indicator.Targets.MaxBy(t => t.Year)!;
                var lastYear = Math.Min(plan.EndYear, thisYear - 1);
                for (var year = plan.StartYear; year <= lastYear; year++)
                {
                    var share = (year - plan.StartYear + 1m) / (plan.EndYear - plan.StartYear + 1m);
                    var value = final.Value * share * (0.8m + (decimal)random.NextDouble() * 0.35m);
                    value = indicator.IsPercent ? Math.Min(100m, Math.Round(value, 1)) : Math.Round(value);
                    db.IndicatorValues.Add(IndicatorValue.Report(indicator, plan.OrgUnitId, year, value, "演示数据", Seeded, now));
                }
            }
        }
        await SaveAsync(db, "IndicatorValue", "演示上报值", ct);
    }

    /// <summary>
    /// The reporting periods of each city from 2019: 2019–2025 closed with every filing approved (the history the trends and the
    /// milestone years read), 2026 open with the mix a commission sees mid-window. The demo principal's school has not started its 2026 filing.
    /// </summary>
    private async Task SeedDemoFilingsAsync(CancellationToken ct)
    {
        await using (var db = await OpenAsync(ct))
        {
            if (await db.ReportingPeriods.AnyAsync(ct)) return;
            var cities = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.City).ToListAsync(ct);
            foreach (var city in cities)
            foreach (var (name, year, opens, closes) in DemoFilings.Periods)
                db.ReportingPeriods.Add(ReportingPeriod.Create(city.Id, new PeriodDetails(name, year, opens, closes)));
            await SaveAsync(db, "ReportingPeriod", "演示填报期", ct);

            var periods = await db.ReportingPeriods.AsNoTracking().ToListAsync(ct);
            var schools = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School).AsNoTracking().ToListAsync(ct);
            var cityOf = cities.ToDictionary(c => c.Path, c => c.Id);
            var withOutlier = new HashSet<int>();
            // A period at a time: at city scale eight years of filings are too many to track in one save.
            foreach (var period in periods)
            {
                foreach (var school in schools.Where(s => cityOf[OrgUnit.LineageOf(s.Path)[0]] == period.CityId))
                {
                    var status = period.Year < DemoFilings.OpenYear ? FilingStatus.Approved : DemoFilings.StatusIn2026(school, _demo.Seed);
                    if (status is not { } target) continue;
                    var survey = DemoFilings.For(school, _demo.Seed, period.Year);
                    IReadOnlyList<FilingFlag> flags = [];
                    // In each district one filing in review carries a figure that jumped, explained by its school.
                    if (target == FilingStatus.Submitted && withOutlier.Add(school.ParentId!.Value))
                    {
                        survey = DemoFilings.Outlier(survey);
                        var lastYear = new CheckBasis(DemoFilings.For(school, _demo.Seed, period.Year - 1), new Dictionary<string, PeerStats>(), period.Quality);
                        flags = FilingChecks.Explain(lastYear.Check(survey, school.School!).Where(f => DemoFilings.OutlierExplanations.ContainsKey(f.Field)), DemoFilings.OutlierExplanations);
                    }
                    db.Filings.Add(DemoFiling(period, school, target, survey, flags));
                }
                await SaveAsync(db, "SchoolFiling", $"demo filings of {period.Name}", ct);
                db.ChangeTracker.Clear();
            }
        }

        using var scope = services.CreateScope();
        var coverage = scope.ServiceProvider.GetRequiredService<CoverageService>();
        await using var read = await OpenAsync(ct);
        foreach (var periodId in await read.ReportingPeriods.Select(p => p.Id).ToListAsync(ct))
            await coverage.RecomputePeriodAsync(periodId, ct);
    }

    private async Task SeedDemoTrainingAsync(CancellationToken ct)
    {
        await using (var db = await OpenAsync(ct))
        {
            if (await db.Teachers.AnyAsync(ct)) return;
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var courses = DemoTraining.Courses.Select(Course.Create).ToList();
            db.Courses.AddRange(courses);
            var schools = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School).AsNoTracking().ToListAsync(ct);
            schools = schools.Where(s => DemoTraining.Districts.Any(d => s.Path.Contains($"/{d}/"))).ToList();
            var teachers = schools.SelectMany(s => DemoTraining.TeachersOf(s, _demo.Seed)).ToList();
            db.Teachers.AddRange(teachers);
            await SaveAsync(db, "Teacher", $"{teachers.Count} demo teachers", ct);
            var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
            db.TrainingRecords.AddRange(teachers.SelectMany(t => DemoTraining.RecordsOf(t, courses, _demo.Seed, today)));
            await SaveAsync(db, "TrainingRecord", "演示培训记录", ct);
        }
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ComplianceService>().RecomputeAsync(ct);
    }

    /// <summary>
    /// 重庆市's two programmes with their history (<see cref="DemoDesignations"/>): a batch of schools designated each year from 2019,
    /// districts in 2020 and 2022, each re-evaluated every year since; both windows open now. The demo principal's school and
    /// 渝中区 have never been designated, so they can apply.
    /// </summary>
    private async Task SeedDemoDesignationsAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.Programmes.AnyAsync(ct)) return;
        var chongqing = await db.OrgUnits.SingleAsync(u => u.Code == "500000", ct);
        var indicators = await db.Indicators.Where(i => i.Code == "CQ5-22" || i.Code == "CQ5-23").ToDictionaryAsync(i => i.Code, i => i.Id, ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var window = (Opens: today.AddDays(-7), Closes: today.AddDays(38));

        var (opens, closes) = DemoDesignations.Window(DemoDesignations.FirstBatch);
        var schools = Programme.Create(chongqing.Id, DemoDesignations.Schools(indicators["CQ5-23"], opens, closes));
        (opens, closes) = DemoDesignations.Window(DemoDesignations.DistrictBatches[0]);
        var districts = Programme.Create(chongqing.Id, DemoDesignations.Districts(indicators["CQ5-22"], opens, closes));
        db.Programmes.AddRange(schools, districts);
        await SaveAsync(db, "Programme", "演示示范项目", ct);

        var units = await db.OrgUnits.Where(u => u.Path.StartsWith(chongqing.Path) && u.Kind != OrgUnitKind.City).OrderBy(u => u.Code).ToListAsync(ct);
        var candidates = units.Where(u => u.Kind == OrgUnitKind.School && u.Code != DemoUsers.PrincipalSchoolCode).ToList();
        var schoolCount = units.Count(u => u.Kind == OrgUnitKind.School);
        var designated = new HashSet<string>();
        var all = new List<(Designation Designation, Programme Programme)>();
        async Task DesignateBatchAsync(Programme programme, int batch, List<OrgUnit> picked)
        {
            var (from, to) = DemoDesignations.Window(batch);
            programme.Update(programme.Target == DesignationTarget.Schools
                ? DemoDesignations.Schools(programme.IndicatorId, from, to) : DemoDesignations.Districts(programme.IndicatorId, from, to), hasApplications: true);
            var applications = DemoDesignations.Batch(programme, picked, _demo.Seed).ToList();
            db.Applications.AddRange(applications);
            await SaveAsync(db, "Application", $"演示 {batch} 年批次申报", ct);
            var at = DemoDesignations.DesignatedOn(batch).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
            var batchDesignations = applications.Select(a => a.Designate(programme, DemoDesignations.DocumentNumber(batch, programme.Target),
                DemoDesignations.DesignatedOn(batch), "commission", at)).ToList();
            db.Designations.AddRange(batchDesignations);
            await SaveAsync(db, "Designation", $"演示 {batch} 年认定", ct);
            designated.UnionWith(picked.Select(u => u.Code));
            all.AddRange(batchDesignations.Select(d => (d, programme)));
        }
        for (var batch = DemoDesignations.FirstBatch; batch <= DemoDesignations.LastBatch; batch++)
            await DesignateBatchAsync(schools, batch, DemoDesignations.Pick(candidates, designated, DemoDesignations.BatchSize(schoolCount, batch, _demo.Seed), batch, _demo.Seed));
        var districtCandidates = units.Where(u => u.Kind == OrgUnitKind.District && u.Code != "500103").ToList();
        foreach (var batch in DemoDesignations.DistrictBatches)
            await DesignateBatchAsync(districts, batch, DemoDesignations.Pick(districtCandidates, designated, 3, batch, _demo.Seed));

        // Every year's re-evaluation since; in last year's, the first school of the 2024 batch was warned. This year's windows are open now.
        var warned = all.First(d => d.Designation.Batch == 2024 && d.Programme == schools).Designation;
        foreach (var (designation, programme) in all) DemoDesignations.Reevaluate(designation, programme, designation == warned, _demo.Seed);
        schools.Update(DemoDesignations.Schools(indicators["CQ5-23"], window.Opens, window.Closes), hasApplications: true);
        districts.Update(DemoDesignations.Districts(indicators["CQ5-22"], window.Opens, window.Closes), hasApplications: true);
        await SaveAsync(db, "Designation", "演示复评（本年申报窗口）", ct);
        using var scope = services.CreateScope();
        foreach (var indicator in indicators.Values)
            await scope.ServiceProvider.GetRequiredService<DesignationService>().RecountAsync(indicator, ct);
    }

    private async Task SeedDemoSecurityAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.InformationSystems.AnyAsync(ct)) return;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var registered = new DateOnly(2024, 1, 10);
        var units = await db.OrgUnits.Where(u => u.Code == "500000" || u.Path.StartsWith("/500000/500103/")).OrderBy(u => u.Code).ToListAsync(ct);
        var schools = units.Where(u => u.Kind == OrgUnitKind.School).ToList();
        var systems = schools.Select((school, i) => InformationSystem.Register(school.Id, DemoSecurity.SchoolPlatform(school.Code, filed: i % 4 != 3), registered)).ToList();
        var district = InformationSystem.Register(units.Single(u => u.Code == "500103").Id, DemoSecurity.DistrictDataCentre, registered);
        var city = InformationSystem.Register(units.Single(u => u.Code == "500000").Id, DemoSecurity.CityPlatform, registered);
        db.InformationSystems.AddRange([.. systems, district, city]);
        await SaveAsync(db, "InformationSystem", "演示等保登记", ct);

        var assessed = Assessment.Record(district, new DateOnly(2026, 3, 18), "重庆市信息安全测评中心", AssessmentResult.BasicallyConforming, 86.5m, today);
        db.Assessments.AddRange(assessed, Assessment.Record(city, new DateOnly(2025, 10, 9), "重庆市信息安全测评中心", AssessmentResult.Conforming, 91m, today));
        await SaveAsync(db, "Assessment", "演示等级测评", ct);
        db.RemediationItems.Add(RemediationItem.Raise(district.OwnerUnitId, district.Id, FindingSource.Assessment, assessed.Id, SecurityLayer.Data,
            RiskSeverity.High, "重要数据未实现异地备份（数据容灾）", "区电教馆网络科", today.AddDays(45), today));
        await SaveAsync(db, "RemediationItem", "演示整改项", ct);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Security.SecurityService>().RecountAsync(ct);
    }

    /// <summary>巴州区's first schools record this year's access (newer than their 2025 filing); the others stand on the filing.</summary>
    private async Task SeedDemoSurveillanceAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.SurveillanceAccess.AnyAsync(ct)) return;
        var schools = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith("/511900/511902/")).OrderBy(u => u.Code).Take(6).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.SurveillanceAccess.AddRange(schools.Select((school, i) =>
            SurveillanceAccess.Record(school.Id, new SurveillanceAreas(true, true, i % 3 != 2, i % 2 == 0 ? true : null), Seeded, now)));
        await SaveAsync(db, "SurveillanceAccess", "演示视频监控接入", ct);
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<Security.SecurityService>().RecountAsync(ct);
    }

    /// <summary>
    /// Each city's checklist; the inspections of 2024 and 2025, closed (<see cref="SeedInspectionHistoryAsync"/>); 渝中区 inspected
    /// forty days ago with two rectification items (the district's own ten days overdue, a school's due in twenty days), and the
    /// demo principal's school planned for a fortnight from now.
    /// </summary>
    private async Task SeedDemoInspectionsAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.ChecklistItems.AnyAsync(ct)) return;
        var cities = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.City).ToListAsync(ct);
        foreach (var city in cities) db.ChecklistItems.AddRange(DemoInspections.Checklist.Select(line => ChecklistItem.Add(city.Id, line)));
        await SaveAsync(db, "ChecklistItem", "演示督导检查表", ct);

        var chongqing = cities.Single(c => c.Code == "500000");
        var district = await db.OrgUnits.SingleAsync(u => u.Code == "500103", ct);
        var schools = await db.OrgUnits.Where(u => u.ParentId == district.Id).OrderBy(u => u.Code).Take(2).ToListAsync(ct);
        var checklist = await db.ChecklistItems.Where(i => i.CityId == chongqing.Id).OrderBy(i => i.SortOrder).ToListAsync(ct);
        var indicators = await db.Indicators.Where(i => DemoInspections.IndicatorCodes.Contains(i.Code)).Select(i => i.Id).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        await SeedInspectionHistoryAsync(db, chongqing, checklist, indicators, ct);
        var inspectedOn = today.AddDays(-40);
        var at = inspectedOn.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);

        var inspection = Inspection.Plan(district, chongqing.Id, inspectedOn, "inspector");
        var scores = checklist.Select((item, i) => (item.Id, Score: DemoInspections.Scores[i])).ToDictionary(s => s.Id, s => s.Score);
        inspection.Record(new InspectionRecord(inspectedOn, DemoInspections.Inspectors, indicators, scores, DemoInspections.Findings), checklist, today, "inspector", at);
        db.Inspections.AddRange(inspection, Inspection.Plan(schools[0], chongqing.Id, today.AddDays(14), "inspector"));
        await SaveAsync(db, "Inspection", "演示督导检查", ct);
        db.RectificationItems.AddRange(
            RectificationItem.Raise(inspection, district, district, DemoInspections.OverdueRequirement, inspectedOn.AddDays(30), "inspector", at),
            RectificationItem.Raise(inspection, district, schools[1], DemoInspections.SchoolRequirement, today.AddDays(20), "inspector", at));
        await SaveAsync(db, "RectificationItem", "演示整改事项", ct);
    }

    /// <summary>
    /// 2024's and 2025's inspections (<see cref="DemoInspections.History"/>), closed: each found two issues, one for the district and one
    /// for its first school, each answered with its evidence (a real file, stored as the portal stores uploads) and accepted.
    /// </summary>
    private async Task SeedInspectionHistoryAsync(EduGovDbContext db, OrgUnit city, IReadOnlyList<ChecklistItem> checklist, List<int> indicators, CancellationToken ct)
    {
        var inspected = new List<(Inspection Inspection, OrgUnit District, OrgUnit School, DemoInspections.Issue[] Issues)>();
        foreach (var (code, on) in DemoInspections.History)
        {
            var district = await db.OrgUnits.SingleAsync(u => u.Code == code, ct);
            var school = await db.OrgUnits.Where(u => u.ParentId == district.Id).OrderBy(u => u.Code).FirstAsync(ct);
            var scores = DemoInspections.ScoresOf(code, on.Year, _demo.Seed);
            var (issues, findings) = DemoInspections.IssuesOf(code, on.Year, _demo.Seed);
            var inspection = Inspection.Plan(district, city.Id, on, "inspector");
            inspection.Record(new InspectionRecord(on, DemoInspections.Inspectors, indicators, checklist.Select((item, i) => (item.Id, Score: scores[i])).ToDictionary(),
                findings), checklist, on, "inspector", on.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc));
            inspected.Add((inspection, district, school, issues));
        }
        db.Inspections.AddRange(inspected.Select(i => i.Inspection));
        await SaveAsync(db, "Inspection", "演示 2024、2025 年督导检查", ct);

        var raised = new List<(RectificationItem Item, OrgUnit Unit, DemoInspections.Issue Issue, DateOnly On)>();
        foreach (var (inspection, district, school, issues) in inspected)
        {
            var on = inspection.InspectedOn!.Value;
            var at = on.ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
            raised.Add((RectificationItem.Raise(inspection, district, district, issues[0].Requirement, on.AddDays(60), "inspector", at), district, issues[0], on));
            raised.Add((RectificationItem.Raise(inspection, district, school, issues[1].Requirement, on.AddDays(60), "inspector", at), school, issues[1], on));
        }
        db.RectificationItems.AddRange(raised.Select(r => r.Item));
        await SaveAsync(db, "RectificationItem", "演示 2024、2025 年整改事项", ct);

        // The answer needs its evidence first: uploaded by the unit's staff through the store the portal's upload uses.
        using var scope = services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<EvidenceStore>();
        foreach (var (item, unit, _, on) in raised)
        {
            var pdf = DemoInspections.EvidencePdf($"{unit.Code} {on:yyyy-MM-dd} item {item.Id}");
            await store.AddAsync(StaffOf(unit), EvidenceOwner.Rectification(item.Id), "整改落实情况报告.pdf", new MemoryStream(pdf), pdf.Length, ct);
        }
        var ids = raised.Select(r => (int?)r.Item.Id).ToList();
        var files = await db.EvidenceFiles.Where(e => ids.Contains(e.RectificationItemId)).GroupBy(e => e.RectificationItemId!.Value)
            .ToDictionaryAsync(g => g.Key, g => g.Count(), ct);
        foreach (var (item, unit, issue, on) in raised)
        {
            item.AnswerWith(issue.Answer, files.GetValueOrDefault(item.Id), StaffOf(unit).UserName, on.AddDays(35).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
            item.Accept("inspector", on.AddDays(40).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc));
        }
        await SaveAsync(db, "RectificationItem", "演示整改答复与核验", ct);
    }

    /// <summary>Who works for a unit in the demo: its demo account, or a staff name of its own.</summary>
    private static AccessScope StaffOf(OrgUnit unit) => new(
        DemoUsers.All.FirstOrDefault(a => a.OrgUnitCode == unit.Code)?.UserName ?? $"staff-{unit.Code}",
        unit.Kind == OrgUnitKind.School ? Role.Principal : Role.District, unit.Path);

    /// <summary>督办 in each state (<see cref="DemoUrgings"/>), issued as the commission and 渝中区 would have, days ago.</summary>
    private async Task SeedDemoUrgingsAsync(CancellationToken ct)
    {
        await using var db = await OpenAsync(ct);
        if (await db.Urgings.AnyAsync(ct)) return;
        var units = await db.OrgUnits.Where(u => u.Code == "500000" || u.Code == "500105" || u.Path.StartsWith("/500000/500103/")).ToListAsync(ct);
        var city = units.Single(u => u.Code == "500000");
        var district = units.Single(u => u.Code == "500103");
        var jiangbei = units.Single(u => u.Code == "500105");
        var schools = units.Where(u => u.Kind == OrgUnitKind.School).OrderBy(u => u.Code).ToList();
        var (principals, second, third) = (schools.Single(s => s.Code == DemoUsers.PrincipalSchoolCode), schools[1], schools[2]);
        var periods = await db.ReportingPeriods.Where(p => p.CityId == city.Id).OrderBy(p => p.Year).ToListAsync(ct);
        if (periods.Count < 2) return;
        var (closed, open) = (periods[^2], periods[^1]);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var item = await db.RectificationItems.Where(RectificationItem.OverdueOn(today)).FirstOrDefaultAsync(r => r.UnitId == district.Id, ct);
        var system = await db.InformationSystems.FirstOrDefaultAsync(s => s.OwnerUnitId == second.Id, ct);
        var indicators = await db.Indicators.Where(i => i.Code == "CQ5-13" || i.Code == "YZ-04").ToDictionaryAsync(i => i.Code, ct);
        if (item is null || system is null || indicators.Count < 2) return;

        DateTime At(int daysAgo, int hour = 9) => today.AddDays(-daysAgo).ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Local).ToUniversalTime();
        const string job = Jobs.JobCatalog.Scheduler;
        Domain.Urging.UrgingCase Issue(Role role, OrgUnit issuer, OrgUnit target, Domain.Urging.UrgingSubject subject, int reference, string label,
            string requirement, int daysAgo, int dueInDays, string by) =>
            Domain.Urging.UrgingCase.Issue(role, issuer, target, subject, reference, label, requirement, today.AddDays(-daysAgo + dueInDays), today.AddDays(-daysAgo),
                by, At(daysAgo));

        var districtFiling = Issue(Role.Commission, city, district, Domain.Urging.UrgingSubject.LateFiling, open.Id, Urging.UrgingLabels.Filing(open.Name),
            DemoUrgings.DistrictFiling, 5, 10, "commission");
        var principalFiling = Issue(Role.District, district, principals, Domain.Urging.UrgingSubject.LateFiling, open.Id, Urging.UrgingLabels.Filing(open.Name),
            DemoUrgings.PrincipalFiling, 2, 7, "district");

        var rectification = Issue(Role.Commission, city, district, Domain.Urging.UrgingSubject.OverdueRectification, item.Id,
            Urging.UrgingLabels.Rectification(item.Requirement, item.Deadline), DemoUrgings.DistrictRectification, 9, 7, "commission");
        rectification.MarkOverdue(today.AddDays(-1), job, At(1, 6));

        var assessment = Issue(Role.Commission, city, second, Domain.Urging.UrgingSubject.AssessmentDue, system.Id,
            Urging.UrgingLabels.Assessment(system.Name, system.Level), DemoUrgings.SchoolAssessment, 20, 12, "commission");
        assessment.MarkOverdue(today.AddDays(-7), job, At(7, 6));
        assessment.Escalate(district.Id, district.Name, today.AddDays(-4), job, At(4, 6));

        var cq513 = indicators["CQ5-13"];
        var pressed = Issue(Role.Commission, city, district, Domain.Urging.UrgingSubject.LaggingIndicator, cq513.Id, Urging.UrgingLabels.Indicator(cq513.Code, cq513.Name),
            DemoUrgings.IndicatorFirst, 30, 10, "commission");
        pressed.Answer(DemoUrgings.IndicatorExplanation, DemoUrgings.IndicatorPlan, "district", At(22));
        pressed.Press(DemoUrgings.IndicatorPressed, today.AddDays(10), today.AddDays(-18), "commission", At(18));

        var yz04 = indicators["YZ-04"];
        var answered = Issue(Role.District, district, third, Domain.Urging.UrgingSubject.LaggingIndicator, yz04.Id, Urging.UrgingLabels.Indicator(yz04.Code, yz04.Name),
            DemoUrgings.WirelessRequirement, 15, 10, "district");
        answered.Answer(DemoUrgings.WirelessExplanation, DemoUrgings.WirelessPlan, "principal", At(6));

        var done = Issue(Role.Commission, city, jiangbei, Domain.Urging.UrgingSubject.LateFiling, closed.Id, Urging.UrgingLabels.Filing(closed.Name),
            DemoUrgings.JiangbeiFiling, 60, 5, "commission");
        done.Answer(DemoUrgings.JiangbeiExplanation, DemoUrgings.JiangbeiPlan, "jiangbei", At(56));
        done.Close("答复清楚，按时完成", "commission", At(50));

        db.Urgings.AddRange(districtFiling, principalFiling, rectification, assessment, pressed, answered, done);
        await SaveAsync(db, "UrgingCase", "演示督办", ct);
    }

    private SchoolFiling DemoFiling(ReportingPeriod period, OrgUnit school, FilingStatus status, SchoolSurvey survey, IReadOnlyList<FilingFlag> flags)
    {
        var (submitDay, returnedOnce, decisionDays) = DemoFilings.TimelineOf(school, _demo.Seed, period.Year, period.ClosesOn.DayNumber - period.OpensOn.DayNumber);
        var opened = period.OpensOn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        // Where a demo account works, its filings' history names it (the principal's school, 渝中区's reviews); elsewhere the demo data.
        var filer = school.Code == DemoUsers.PrincipalSchoolCode ? "principal" : Seeded;
        var reviewer = school.Path.StartsWith($"/500000/{DemoUsers.DistrictCode}/", StringComparison.Ordinal) ? "district" : Seeded;
        var filing = SchoolFiling.Start(period.Id, school.Id, null, opened.AddDays(submitDay - 1));
        filing.SaveDraft(survey, flags, filer, opened.AddDays(submitDay - 1));
        if (status == FilingStatus.Draft) return filing;
        var submitted = opened.AddDays(submitDay);
        filing.Submit(filer, submitted);
        if (returnedOnce && status == FilingStatus.Approved)
        {
            filing.Return(null, [new(nameof(SchoolSurvey.MultimediaClassrooms), "请按教室台账核实多媒体教室数。")], reviewer, submitted.AddDays(decisionDays));
            submitted = submitted.AddDays(decisionDays + 2);
            filing.Submit(filer, submitted);
        }
        if (status == FilingStatus.Returned)
            filing.Return(null, [new(nameof(SchoolSurvey.InteractiveClassrooms), "请核实互动式多媒体教室数与上年的差异。")], reviewer, submitted.AddDays(decisionDays));
        if (status == FilingStatus.Approved) filing.Approve(school.School!, reviewer, submitted.AddDays(decisionDays));
        return filing;
    }

    private async Task<EduGovDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        return db;
    }

    private async Task SaveAsync(EduGovDbContext db, string entity, string what, CancellationToken ct)
    {
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, "system", "Seed", entity, null, what));
        await db.SaveChangesAsync(ct);
    }
}
