using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Supervision;

/// <summary>One indicator of a plan for a unit and year: its milestone targets, latest actual at or before the year, status and trend.</summary>
public sealed record IndicatorLine(int IndicatorId, string Code, string Name, string Unit, string? Area, IReadOnlyList<YearValue> Targets, decimal? Target,
    decimal? Actual, int? ActualYear, ProgressStatus Status, IReadOnlyList<YearValue> Trend, int? TargetYear = null, Direction Direction = Direction.Increase)
{
    /// <summary>The figures of the line's sentence: the latest value, the one a year before it, the target that applies.</summary>
    public IndicatorFacts Facts(string subject, int year) => new(subject, Name, Unit, Direction, Actual,
        Trend.FirstOrDefault(t => t.Year == ActualYear - 1)?.Value, TargetYear, Target, AsOf: ActualYear < year ? ActualYear : null);
}

/// <param name="PlanId">With <paramref name="OrgUnitCode"/>, the progress page a printed value links to for its sources.</param>
public sealed record PlanProgress(int PlanId, string OrgUnitCode, string Title, string? DocumentNumber, string Issuer, int StartYear, int EndYear, IReadOnlyList<IndicatorLine> Lines)
{
    public int Count(ProgressStatus status) => Lines.Count(l => l.Status == status);
}

/// <summary>A district's latest value at or before the document's year, and when that is the document's year, its value the year before.</summary>
public sealed record DistrictValue(string District, decimal? Value, ProgressStatus Status, decimal? Previous = null, int? Year = null);

/// <summary>
/// One computed indicator across a city's districts, highest first: the city's figures (with how many districts have a
/// value and meet the target) and each district's.
/// </summary>
public sealed record DistrictTable(string Code, IndicatorFacts City, IReadOnlyList<DistrictValue> Rows, bool Additive = false)
{
    public string Name => City.Name;
    public string Unit => City.Unit;
    public decimal? Target => City.Target;

    /// <summary>The target a district is measured against: the city's, unless the indicator is a count the districts add up to.</summary>
    public decimal? DistrictTarget => Additive ? null : Target;

    public IReadOnlyList<DistrictValue> Reported => Rows.Where(r => r.Value is not null).ToList();

    public IEnumerable<IndicatorFacts> DistrictFacts => Reported.Select(r =>
        City with { Subject = r.District, Value = r.Value, Previous = r.Previous, Target = DistrictTarget, Units = 0, Reported = 0, Met = 0, AsOf = null });
}

public sealed record AreaComparison(string Area, IReadOnlyList<DistrictTable> Tables);

public sealed record CityOverview(int Districts, int Schools, int Students, int Teachers, int Plans, int Indicators,
    int Achieved, int OnTrack, int Lagging, int NoData);

/// <summary>
/// 年度白皮书: what a city's commission publishes about a year of its education informatization. The highlights are
/// drawn from the district comparisons: the largest gains on last year (each district once) and the districts furthest behind.
/// </summary>
/// <param name="Warnings">The district × indicator pairs of the city's plans off their path to the target (预警), furthest first.</param>
/// <param name="Quality">Each district's data-quality scorecard for the year's reporting period, and that period's name; none without one.</param>
public sealed record WhitePaper(int CityId, string City, int Year, DateTime GeneratedAtUtc, CityOverview Overview, IReadOnlyList<string> Districts, IReadOnlyList<PlanProgress> Plans,
    IReadOnlyList<AreaComparison> Areas, IReadOnlyList<PlanProgress> Appendix, IReadOnlyList<Planning.ProgressWarning> Warnings,
    IReadOnlyList<Filing.DistrictScorecard> Quality, string? QualityPeriod, string? DocumentNumber = null)
{
    public const int HighlightCount = 5;

    public string Title => $"{City}{Year}年教育信息化发展状况白皮书";

    public string Issuer => $"{City}教育委员会";

    public IReadOnlyList<IndicatorFacts> Gains => Narrative.LargestGains(Areas.SelectMany(a => a.Tables).SelectMany(t => t.DistrictFacts), HighlightCount);

    public IReadOnlyList<UnitShortfalls> Behind => Narrative.FurthestBehind(Areas.SelectMany(a => a.Tables).SelectMany(t => t.DistrictFacts), HighlightCount);

    /// <summary>The figures the paper prints, kept with its archived version: the overview, the city's values, each district's.</summary>
    public IReadOnlyList<DocumentFigure> Figures() =>
    [
        new("overview/schools", "学校数", Overview.Schools, "所"), new("overview/students", "在校学生", Overview.Students, "人"),
        new("overview/teachers", "教职工", Overview.Teachers, "人"), new("overview/achieved", "达成指标", Overview.Achieved, "项"),
        new("overview/on-track", "进展中指标", Overview.OnTrack, "项"), new("overview/lagging", "滞后指标", Overview.Lagging, "项"),
        new("overview/no-data", "暂无数据指标", Overview.NoData, "项"),
        .. Plans.SelectMany(p => p.Lines).Where(l => l.Actual is not null).DistinctBy(l => l.Code).Select(l => new DocumentFigure(l.Code, $"全市 {l.Name}", l.Actual!.Value, l.Unit)),
        .. Areas.SelectMany(a => a.Tables).SelectMany(t => t.Reported.Select(r => new DocumentFigure($"{t.Code}/{r.District}", $"{r.District} {t.Name}", r.Value!.Value, t.Unit))),
        .. Quality.Where(q => q.Card.Completeness is not null)
            .Select(q => new DocumentFigure($"quality/{q.UnitName}", $"{q.UnitName} 填报完整性", q.Card.Completeness!.Value, "%")),
    ];

    /// <summary>The warnings by indicator, the indicators with the most districts off their path first.</summary>
    public IReadOnlyList<IGrouping<string, Planning.ProgressWarning>> WarningsByIndicator =>
        Warnings.GroupBy(w => w.Code).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).ToList();

    /// <summary>The city's indicators without a value for the year, listed once with their plan.</summary>
    public IEnumerable<(PlanProgress Plan, IndicatorLine Line)> Missing => Plans.SelectMany(p => p.Lines.Where(l => l.Status == ProgressStatus.NoData).Select(l => (p, l)));
}

public sealed record FilingSummary(string Period, int Schools, int Approved, int Submitted, int Returned, int Draft, int NotStarted);

public sealed record PeerValue(string Unit, decimal Value);

/// <summary>A unit's place among its peers (the districts of its city, the schools of its district) on one indicator, with the peers' values.</summary>
public sealed record Ranking(string Code, string Name, string Unit, decimal? Value, int? Rank, int Peers, IReadOnlyList<PeerValue>? Field = null)
{
    /// <summary>The rank as a share of the peers (smaller is better), so ranks among different numbers of peers compare.</summary>
    public double Standing => Rank is { } rank ? (double)rank / Peers : double.MaxValue;

    /// <summary>In the first third of the peers, or the last.</summary>
    public bool Leading => Rank <= Math.Max(1, Peers / 3);
    public bool Trailing => Rank > Peers - Math.Max(1, Peers / 3);
}

public sealed record DesignationLine(string Programme, int Active, int Warned);

/// <summary>督导报告: one district's (or school's) year against the plans that bind it, with its peers where they compare.</summary>
public sealed record SupervisionReport(int UnitId, string Unit, OrgUnitKind Kind, string City, int Year, DateTime GeneratedAtUtc, IReadOnlyList<PlanProgress> Plans,
    FilingSummary? Filing, IReadOnlyList<DesignationLine> Designations, SecurityTotals Security, IReadOnlyList<Ranking> Rankings, InspectionSummary Inspections,
    Urging.UrgingSummary Urgings)
{
    public string Title => $"{Unit}{Year}年度教育信息化督导报告";

    public IEnumerable<IndicatorLine> Lines(string area) => Plans.SelectMany(p => p.Lines).Where(l => l.Area == area);

    /// <summary>The figures the report prints, kept with its archived version: the unit's values, its ranks, its filing, inspections and urgings.</summary>
    public IReadOnlyList<DocumentFigure> Figures() =>
    [
        .. Plans.SelectMany(p => p.Lines).Where(l => l.Actual is not null).DistinctBy(l => l.Code).Select(l => new DocumentFigure(l.Code, $"{Unit} {l.Name}", l.Actual!.Value, l.Unit)),
        .. Rankings.Where(r => r.Rank is not null).Select(r => new DocumentFigure($"rank/{r.Code}", $"{r.Name} 位次", r.Rank!.Value, "位")),
        .. Filing is { } f
            ? new DocumentFigure[] { new("filing/schools", "应填报学校", f.Schools, "所"), new("filing/approved", "审核通过学校", f.Approved, "所") }
            : [],
        new("inspections", "督导检查", Inspections.Inspections.Count, "次"), new("rectifications", "整改事项", Inspections.Items.Count, "项"),
        new("rectifications/overdue", "逾期整改事项", Inspections.Overdue, "项"),
        new("urgings", "收到督办", Urgings.Counts.Issued, "件"), new("urgings/closed", "办结督办", Urgings.Counts.Closed, "件"),
    ];
}

/// <summary>
/// Gathers the figures of the documents from the stored indicator values (the same the progress page, dashboards and
/// API read, so a document and a dashboard for the same unit and year agree) and from the live registers.
/// </summary>
public sealed class DocumentData(IDbContextFactory<EduGovDbContext> factory, SecurityService security, InspectionService inspections,
    Urging.UrgingService urgings, Planning.ProgressService progress, Filing.FilingService filings, TimeProvider clock)
{
    public static readonly string[] Areas = ["Filing", "Training", "Designations", "Security"];

    public async Task<WhitePaper> WhitePaperAsync(AccessScope scope, int cityId, int year, CancellationToken ct = default)
    {
        Domain.Common.Guard.Year(year, "Year");
        await using var db = await factory.OpenAsync(scope, ct);
        var city = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == cityId && u.Kind == OrgUnitKind.City, ct) ?? throw new NotFoundException("City");
        var districts = await db.OrgUnits.Where(u => u.ParentId == city.Id).OrderBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var schools = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.School && u.Path.StartsWith(city.Path))
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Students = g.Sum(u => u.School!.Students), Teachers = g.Sum(u => u.School!.Teachers) })
            .SingleOrDefaultAsync(ct);

        var cityPlans = await PlansAsync(db, p => p.OrgUnitId == city.Id, ct);
        var allPlans = await PlansAsync(db, p => p.OrgUnit.Path.StartsWith(city.Path), ct);
        var plans = await ProgressAsync(db, cityPlans, city.Id, year, ct);
        var appendix = await ProgressAsync(db, allPlans.Where(p => p.OrgUnitId != city.Id).ToList(), null, year, ct);

        var computed = cityPlans.SelectMany(p => p.Indicators).Where(i => i.Source == ValueSource.Computed).OrderBy(i => i.Code).ToList();
        var ids = computed.Select(i => i.Id).ToList();
        var districtIds = districts.Select(d => d.Id).ToList();
        var values = (await db.IndicatorValues.AsNoTracking()
                .Where(v => ids.Contains(v.IndicatorId) && districtIds.Contains(v.OrgUnitId) && v.Year <= year)
                .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync(ct))
            .ToLookup(v => (v.IndicatorId, v.OrgUnitId));
        var lines = plans.SelectMany(p => p.Lines).ToDictionary(l => l.IndicatorId);

        // A district is judged against the city's target, unless the indicator is a count (Progress.EvaluateFor).
        DistrictValue Row(Indicator i, string district, int unit)
        {
            var own = values[(i.Id, unit)].ToList();
            var latest = own.MaxBy(v => v.Year);
            if (latest is null) return new DistrictValue(district, null, ProgressStatus.NoData);
            var status = Progress.EvaluateFor(i, issuer: false, year, latest.Value);
            // A change on last year only for a value of the paper's year: an older one (a campaign's 2020) is no gain of this year's.
            var previous = latest.Year == year ? own.FirstOrDefault(v => v.Year == year - 1)?.Value : null;
            return new DistrictValue(district, latest.Value, status, previous, latest.Year);
        }

        var areas = Areas.Select(area => new AreaComparison(area, computed.Where(i => AreaOf(i) == area).Select(i =>
            {
                var rows = districts.Select(d => Row(i, d.Name, d.Id))
                    .OrderByDescending(r => r.Value.HasValue).ThenByDescending(r => i.Direction == Direction.Increase ? r.Value : -r.Value).ToList();
                var cityFacts = lines[i.Id].Facts("全市", year) with
                {
                    Units = i.IsAdditive ? 0 : rows.Count, Reported = rows.Count(r => r.Value is not null), Met = rows.Count(r => r.Status == ProgressStatus.Achieved),
                };
                return new DistrictTable(i.Code, cityFacts, rows, i.IsAdditive);
            })
            .Where(t => t.Rows.Any(r => r.Value is not null)).ToList()))
            .Where(a => a.Tables.Count > 0).ToList();

        var allLines = plans.SelectMany(p => p.Lines).ToList();
        var overview = new CityOverview(districts.Count, schools?.Count ?? 0, schools?.Students ?? 0, schools?.Teachers ?? 0, plans.Count, allLines.Count,
            allLines.Count(l => l.Status == ProgressStatus.Achieved), allLines.Count(l => l.Status == ProgressStatus.OnTrack),
            allLines.Count(l => l.Status == ProgressStatus.Lagging), allLines.Count(l => l.Status == ProgressStatus.NoData));
        // The same 预警 list and scorecard the commission sees on its pages, for the city's own plans and the year's period.
        var cityPlanIds = cityPlans.Select(p => p.Id).ToHashSet();
        var warnings = (await progress.WarningsAsync(scope, year, ct)).Where(w => cityPlanIds.Contains(w.PlanId)).ToList();
        var period = await db.ReportingPeriods.Where(p => p.CityId == city.Id && p.Year == year).OrderByDescending(p => p.ClosesOn).FirstOrDefaultAsync(ct);
        var quality = period is null ? [] : await filings.ScorecardsAsync(scope, period.Id, ct);
        return new WhitePaper(city.Id, city.Name, year, clock.GetUtcNow().UtcDateTime, overview, districts.Select(d => d.Name).ToList(), plans, areas, appendix,
            warnings, quality, period?.Name);
    }

    public async Task<SupervisionReport> SupervisionReportAsync(AccessScope scope, int unitId, int year, CancellationToken ct = default)
    {
        Domain.Common.Guard.Year(year, "Year");
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId && u.Kind != OrgUnitKind.City, ct) ?? throw new NotFoundException("OrgUnit");
        var lineage = OrgUnit.LineageOf(unit.Path);
        var city = await db.OrgUnits.SingleAsync(u => u.Path == lineage[0], ct);
        var binding = await PlansAsync(db, p => lineage.Contains(p.OrgUnit.Path), ct);
        var plans = await ProgressAsync(db, binding, unit.Id, year, ct);

        var period = await db.ReportingPeriods.Where(p => p.CityId == city.Id && p.Year == year).OrderByDescending(p => p.ClosesOn).FirstOrDefaultAsync(ct);
        FilingSummary? filing = null;
        if (period is not null)
        {
            var schools = db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith(unit.Path));
            var statuses = await (from f in db.Filings
                                  join s in schools on f.SchoolId equals s.Id
                                  where f.PeriodId == period.Id
                                  group f by f.Status into g
                                  select new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ct);
            var total = await schools.CountAsync(ct);
            int Count(FilingStatus status) => statuses.GetValueOrDefault(status);
            filing = new FilingSummary(period.Name, total, Count(FilingStatus.Approved), Count(FilingStatus.Submitted), Count(FilingStatus.Returned),
                Count(FilingStatus.Draft), total - statuses.Values.Sum());
        }

        var designations = await (from d in db.Designations
                                  join u in db.OrgUnits on d.UnitId equals u.Id
                                  join p in db.Programmes on d.ProgrammeId equals p.Id
                                  where u.Path.StartsWith(unit.Path) && d.Batch <= year && (d.RevokedOn == null || d.RevokedOn.Value.Year > year)
                                  group d by p.Name into g
                                  select new DesignationLine(g.Key, g.Count(), g.Count(d => d.Status == DesignationStatus.Warned))).ToListAsync(ct);

        var (own, _) = await security.DashboardAsync(scope, unit.Id, ct);

        // Peers: the other districts of the city (or schools of the district), on the computed indicators of the plans
        // above the unit (its own plan binds no peer).
        var peerNames = await db.OrgUnits.Where(u => u.ParentId == unit.ParentId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var peers = peerNames.Keys.ToList();
        var indicators = binding.SelectMany(p => p.Indicators.Select(i => (Issuer: p.OrgUnitId, Indicator: i))).ToDictionary(x => x.Indicator.Id);
        var computed = plans.SelectMany(p => p.Lines).Where(l => l.Area is not null && indicators[l.IndicatorId].Issuer != unit.Id).ToList();
        var ids = computed.Select(l => l.IndicatorId).ToList();
        var peerValues = (await db.IndicatorValues.Where(v => ids.Contains(v.IndicatorId) && peers.Contains(v.OrgUnitId) && v.Year <= year)
                .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync(ct))
            .GroupBy(v => (v.IndicatorId, v.OrgUnitId)).Select(g => g.MaxBy(v => v.Year)!).ToLookup(v => v.IndicatorId);
        var rankings = computed.Select(l =>
        {
            var direction = indicators[l.IndicatorId].Indicator.Direction;
            var better = peerValues[l.IndicatorId].Count(v => l.Actual is { } mine && (direction == Direction.Increase ? v.Value > mine : v.Value < mine));
            var field = peerValues[l.IndicatorId].Select(v => new PeerValue(peerNames[v.OrgUnitId], v.Value)).ToList();
            return new Ranking(l.Code, l.Name, l.Unit, l.Actual, l.Actual is null ? null : better + 1, peers.Count, field);
        }).ToList();

        var inspected = await inspections.ForReportAsync(unit.Id, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);
        var urged = await urgings.ForReportAsync(unit.Id, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct);

        return new SupervisionReport(unit.Id, unit.Name, unit.Kind, city.Name, year, clock.GetUtcNow().UtcDateTime, plans, filing, designations, own.Totals, rankings,
            inspected, urged);
    }

    private static Task<List<Plan>> PlansAsync(EduGovDbContext db, System.Linq.Expressions.Expression<Func<Plan, bool>> which, CancellationToken ct) =>
        db.Plans.AsNoTracking().Where(which).Include(p => p.OrgUnit).Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year))
            .OrderBy(p => p.OrgUnit.Path).ThenBy(p => p.StartYear).AsSplitQuery().ToListAsync(ct);

    /// <summary>Each plan's indicators for a unit (by default the plan's issuer) and year, as the progress page judges them, with the trend since the plan began.</summary>
    private static async Task<List<PlanProgress>> ProgressAsync(EduGovDbContext db, List<Plan> plans, int? unitId, int year, CancellationToken ct)
    {
        var ids = plans.SelectMany(p => p.Indicators).Select(i => i.Id).ToList();
        var units = plans.Select(p => unitId ?? p.OrgUnitId).Distinct().ToList();
        var values = (await db.IndicatorValues.AsNoTracking().Where(v => ids.Contains(v.IndicatorId) && units.Contains(v.OrgUnitId) && v.Year <= year)
                .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync(ct))
            .ToLookup(v => (v.IndicatorId, v.OrgUnitId));
        var codes = await db.OrgUnits.Where(u => units.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
        return plans.Select(p => new PlanProgress(p.Id, codes[unitId ?? p.OrgUnitId], p.Title, p.DocumentNumber, p.Issuer, p.StartYear, p.EndYear, p.Indicators.OrderBy(i => i.Code).Select(i =>
        {
            var own = values[(i.Id, unitId ?? p.OrgUnitId)].OrderBy(v => v.Year).ToList();
            var latest = own.LastOrDefault();
            // A count the units add up to (designated schools): the issuer's target is its own total, not one for each unit below.
            var target = i.TargetFor(year, issuer: unitId is not { } unit || unit == p.OrgUnitId);
            var status = target is null && latest is not null ? ProgressStatus.OnTrack : Progress.Evaluate(i, year, latest?.Value);
            return new IndicatorLine(i.Id, i.Code, i.Name, i.Unit, AreaOf(i), i.Targets.OrderBy(t => t.Year).Select(t => new YearValue(t.Year, t.Value)).ToList(),
                target?.Value, latest?.Value, latest?.Year, status,
                own.Where(v => v.Year >= p.StartYear).Select(v => new YearValue(v.Year, v.Value)).ToList(), target?.Year, i.Direction);
        }).ToList())).ToList();
    }

    private static string? AreaOf(Indicator i) => i.Metric?.Area;
}
