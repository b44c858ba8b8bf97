using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

/// <summary>Why a value is missing, so the panel can say which (无数据 stays only where there truly is no source).</summary>
public enum MissingReason { NotRecorded = 1, NoPeriod, NoApprovedFilings, NothingToMeasure, NoProgramme, NoRule, NothingRegistered, PastRegister }

/// <summary>The approved filing a school's part came from: its period, and when and by whom it was approved.</summary>
public sealed record SourceFiling(int FilingId, int PeriodId, int SchoolId, DateTime? ApprovedAtUtc, string? ApprovedBy);

/// <summary>A designation counted in a value: its programme, 文号 and date.</summary>
public sealed record SourceDesignation(int ProgrammeId, string Programme, string DocumentNumber, DateOnly DesignatedOn);

/// <summary>One unit's share of a value: a district of a city, a school of a district, with its numerator and denominator.</summary>
public sealed record SourcePart(string OrgUnitCode, string OrgUnitName, int? Numerator, int? Denominator, decimal? Value, SourceFiling? Filing,
    SourceDesignation? Designation = null);

/// <summary>
/// Where one stored value came from (数据溯源): for a value computed from filings, its formula in words and the units
/// whose numerators and denominators add up to it, each school with the approved filing that supplied it; for a training
/// share, the teachers who met the rule over those it applies to, per district or school; for a count, the designations;
/// for a reported value, who recorded it, when and with what note.
/// </summary>
public sealed record ValueSources(
    int IndicatorId, string IndicatorCode, string IndicatorName, string Unit, string? MetricKey,
    int OrgUnitId, string OrgUnitCode, string OrgUnitName, OrgUnitKind OrgUnitKind, int Year,
    decimal? Value, ValueSource Source, DateTime? RecordedAtUtc, string? RecordedBy, string? Note,
    FormulaKind? Formula = null, string? Numerator = null, string? Denominator = null, int? NumeratorTotal = null, int? DenominatorTotal = null,
    string? Period = null, IReadOnlyList<SourcePart>? Parts = null, int Counted = 0, int NotCounted = 0, MissingReason? Missing = null);

/// <summary>The provenance behind the values of the dashboards, the progress page, the documents and GET /api/values/sources.</summary>
public sealed class ValueSourcesService(IDbContextFactory<EduGovDbContext> factory, SecurityService security, TimeProvider clock)
{
    public async Task<ValueSources> GetAsync(AccessScope scope, int indicatorId, string orgUnitCode, int year, CancellationToken ct = default)
    {
        Guard.Year(year, "Year");
        await using var db = await factory.OpenAsync(scope, ct);
        var indicator = await db.Indicators.AsNoTracking().Include(i => i.Plan).ThenInclude(p => p.OrgUnit)
            .Where(i => db.Plans.VisibleTo(scope).Any(p => p.Id == i.PlanId))
            .SingleOrDefaultAsync(i => i.Id == indicatorId, ct) ?? throw new NotFoundException("Indicator");
        var unit = await db.OrgUnits.VisibleTo(scope).AsNoTracking().SingleOrDefaultAsync(u => u.Code == orgUnitCode, ct)
            ?? throw new NotFoundException("OrgUnit");
        if (!unit.Path.StartsWith(indicator.Plan.OrgUnit.Path, StringComparison.Ordinal)) throw new NotFoundException("OrgUnit");

        var stored = await db.IndicatorValues.AsNoTracking()
            .SingleOrDefaultAsync(v => v.IndicatorId == indicator.Id && v.OrgUnitId == unit.Id && v.Year == year, ct);
        var recordedBy = (await db.PeopleAsync([stored?.RecordedBy], ct)).Person(stored?.RecordedBy);
        var sources = new ValueSources(indicator.Id, indicator.Code, indicator.Name, indicator.Unit, indicator.MetricKey, unit.Id, unit.Code, unit.Name, unit.Kind, year,
            stored?.Value, indicator.Source, stored?.RecordedAtUtc, stored?.RecordedBy is null ? null : recordedBy, stored?.Note);
        if (indicator.Source == ValueSource.Reported) return sources with { Missing = stored is null ? MissingReason.NotRecorded : null };
        return Coverage.IsFilingMetric(indicator.MetricKey) ? await FromFilingsAsync(db, sources, unit, ct)
            : indicator.MetricKey is { } key && SecurityService.Metrics.Contains(key) ? await FromRegisterAsync(scope, sources, unit, ct)
            : indicator.MetricKey == Designations.DesignationService.Metric ? await FromDesignationsAsync(db, sources, unit, ct)
            : indicator.MetricKey?.StartsWith(TrainingMetric, StringComparison.Ordinal) == true ? await FromTrainingAsync(db, sources, unit, ct)
            : sources;
    }

    private const string TrainingMetric = "training.";

    /// <summary>The two counts of a training share, named as the panel's headings name them ("Totals.{name}").</summary>
    public const string TrainingMet = "TrainingMet", TrainingApplicable = "TrainingApplicable";

    /// <summary>The indicator of a plan the user can see, by its code (codes are unique within a plan; the first plan wins).</summary>
    public async Task<int> IndicatorIdAsync(AccessScope scope, string code, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await db.Indicators.Where(i => i.Code == code && db.Plans.VisibleTo(scope).Any(p => p.Id == i.PlanId))
            .OrderBy(i => i.PlanId).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Indicator");
    }

    /// <summary>
    /// A city's value from its districts' approved filings, a district's from its schools': the same stored contributions
    /// and the same formula as <see cref="Filing.CoverageService"/>, so the parts add up to the stored value exactly.
    /// </summary>
    private static async Task<ValueSources> FromFilingsAsync(EduGovDbContext db, ValueSources sources, OrgUnit unit, CancellationToken ct)
    {
        var formula = Coverage.Formula(sources.MetricKey!);
        var city = OrgUnit.LineageOf(unit.Path)[0];
        var period = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.Year == sources.Year && db.OrgUnits.Any(u => u.Id == p.CityId && u.Path == city))
            .OrderByDescending(p => p.ClosesOn).FirstOrDefaultAsync(ct);
        sources = sources with { Formula = formula.Kind, Numerator = formula.Numerator, Denominator = formula.Denominator, Parts = [] };
        if (period is null) return sources with { Missing = MissingReason.NoPeriod };

        // Only the formula's two figures of each approved filing: reading whole contributions took 170 ms for a city.
        var approved = from f in db.Filings
                       join s in db.OrgUnits on f.SchoolId equals s.Id
                       where f.PeriodId == period.Id && f.Status == FilingStatus.Approved && s.Path.StartsWith(unit.Path) && s.Kind == OrgUnitKind.School
                       select new { f, s };
        var rows = await (formula.Kind == FormulaKind.Minimum
                ? approved.Select(x => new FilingFigures(x.f.Id, x.f.SchoolId, x.s.ParentId!.Value, x.s.Code, x.s.Name,
                    EF.Property<int?>(x.f.Contribution!, formula.Numerator), 0))
                : approved.Select(x => new FilingFigures(x.f.Id, x.f.SchoolId, x.s.ParentId!.Value, x.s.Code, x.s.Name,
                    EF.Property<int>(x.f.Contribution!, formula.Numerator), EF.Property<int>(x.f.Contribution!, formula.Denominator!))))
            .AsNoTracking().ToListAsync(ct);
        var schoolsUnder = await db.OrgUnits.CountAsync(u => u.Path.StartsWith(unit.Path) && u.Kind == OrgUnitKind.School, ct);
        sources = sources with { Period = period.Name, Counted = rows.Count, NotCounted = schoolsUnder - rows.Count };
        if (rows.Count == 0) return sources with { Missing = MissingReason.NoApprovedFilings };

        List<SourcePart> parts;
        if (unit.Kind == OrgUnitKind.City)
        {
            var districts = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
            var byDistrict = rows.ToLookup(r => r.DistrictId);
            parts = districts.Where(d => byDistrict.Contains(d.Id)).Select(d => Part(formula, d.Code, d.Name, byDistrict[d.Id].ToList(), null)).ToList();
        }
        else
        {
            var ids = rows.Select(f => f.FilingId).ToList();
            var approvals = (await db.FilingEvents.AsNoTracking().Where(e => ids.Contains(e.FilingId) && e.Action == FilingAction.Approved)
                    .Select(e => new { e.FilingId, e.AtUtc, e.By }).ToListAsync(ct))
                .GroupBy(e => e.FilingId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.AtUtc)!);
            var approvers = await db.PeopleAsync(approvals.Values.Select(a => a.By), ct);
            parts = rows.OrderBy(f => f.Code).Select(f => Part(formula, f.Code, f.Name, [f],
                new SourceFiling(f.FilingId, period.Id, f.SchoolId, approvals.GetValueOrDefault(f.FilingId)?.AtUtc, approvals.TryGetValue(f.FilingId, out var approval) ? approvers.Person(approval.By) : null))).ToList();
        }
        var (top, bottom) = Sum(formula, rows);
        return sources with
        {
            Parts = parts, NumeratorTotal = top, DenominatorTotal = formula.Denominator is null ? null : bottom,
            Missing = formula.Of(top, bottom) is null ? MissingReason.NothingToMeasure : null,
        };
    }

    /// <summary>
    /// A count of designated units (示范学校, 示范区县): the designations of the programmes counting toward the indicator that
    /// stand in the year, a city's per district, a district's each with its programme, 文号 and date.
    /// </summary>
    private static async Task<ValueSources> FromDesignationsAsync(EduGovDbContext db, ValueSources sources, OrgUnit unit, CancellationToken ct)
    {
        sources = sources with { Formula = FormulaKind.Count, Parts = [] };
        if (!await db.Programmes.AnyAsync(p => p.IndicatorId == sources.IndicatorId, ct)) return sources with { Missing = MissingReason.NoProgramme };
        var year = sources.Year;
        var standing = (await (from d in db.Designations
                               join p in db.Programmes on d.ProgrammeId equals p.Id
                               join u in db.OrgUnits on d.UnitId equals u.Id
                               where p.IndicatorId == sources.IndicatorId && u.Path.StartsWith(unit.Path)
                               select new { d, p.Name, u.Code, UnitName = u.Name, u.Path }).AsNoTracking().ToListAsync(ct))
            .Where(x => x.d.CountsIn(year)).ToList();
        List<SourcePart> parts;
        if (unit.Kind == OrgUnitKind.City)
        {
            var districts = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code)
                .Select(u => new { u.Code, u.Name, u.Path }).ToListAsync(ct);
            parts = districts.Select(d => (District: d, Count: standing.Count(x => x.Path.StartsWith(d.Path, StringComparison.Ordinal))))
                .Where(x => x.Count > 0)
                .Select(x => new SourcePart(x.District.Code, x.District.Name, x.Count, null, x.Count, null)).ToList();
        }
        else
            parts = standing.OrderBy(x => x.d.DesignatedOn).ThenBy(x => x.Code)
                .Select(x => new SourcePart(x.Code, x.UnitName, 1, null, 1, null, new SourceDesignation(x.d.ProgrammeId, x.Name, x.d.DocumentNumber, x.d.DesignatedOn)))
                .ToList();
        return sources with { Parts = parts, NumeratorTotal = standing.Count, Counted = standing.Count };
    }

    /// <summary>
    /// A training share (培训达标率): the teachers who met the rule by the year's end over those it applies to, from the same
    /// per-school counts <see cref="Training.ComplianceService"/> sums into the stored value, a city's per district, a district's per school.
    /// </summary>
    private static async Task<ValueSources> FromTrainingAsync(EduGovDbContext db, ValueSources sources, OrgUnit unit, CancellationToken ct)
    {
        sources = sources with { Formula = FormulaKind.Share, Numerator = TrainingMet, Denominator = TrainingApplicable, Parts = [] };
        if (!await db.ComplianceRules.AnyAsync(r => r.IndicatorId == sources.IndicatorId, ct)) return sources with { Missing = MissingReason.NoRule };
        var tallies = await (from t in db.ComplianceTallies
                             join s in db.OrgUnits on t.SchoolId equals s.Id
                             where t.IndicatorId == sources.IndicatorId && t.Year == sources.Year && s.Path.StartsWith(unit.Path)
                             select new { s.ParentId, s.Code, s.Name, t.Met, t.Total }).AsNoTracking().ToListAsync(ct);
        var schoolsUnder = await db.OrgUnits.CountAsync(u => u.Path.StartsWith(unit.Path) && u.Kind == OrgUnitKind.School, ct);
        sources = sources with { Counted = tallies.Count, NotCounted = schoolsUnder - tallies.Count };
        List<SourcePart> parts;
        if (unit.Kind == OrgUnitKind.City)
        {
            var districts = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
            var byDistrict = tallies.ToLookup(t => t.ParentId);
            parts = districts.Where(d => byDistrict.Contains(d.Id))
                .Select(d => TrainingPart(d.Code, d.Name, byDistrict[d.Id].Sum(t => t.Met), byDistrict[d.Id].Sum(t => t.Total))).ToList();
        }
        else parts = tallies.OrderBy(t => t.Code).Select(t => TrainingPart(t.Code, t.Name, t.Met, t.Total)).ToList();
        var (met, total) = (tallies.Sum(t => t.Met), tallies.Sum(t => t.Total));
        return sources with
        {
            Parts = parts, NumeratorTotal = met, DenominatorTotal = total, Missing = total == 0 ? MissingReason.NothingToMeasure : null,
        };
    }

    /// <summary>
    /// A security rate (备案率, 按期测评率, 视频监控接入率): counted from the register as it stands, as the recount that stored
    /// it did, a city's per district, a district's per school, with the unit's own systems as a part of their own. The
    /// register keeps no history, so an earlier year's value can only be shown as it was stored.
    /// </summary>
    private async Task<ValueSources> FromRegisterAsync(AccessScope scope, ValueSources sources, OrgUnit unit, CancellationToken ct)
    {
        var (numerator, denominator) = SecurityTotals.Names(sources.MetricKey!);
        sources = sources with { Formula = FormulaKind.Share, Numerator = numerator, Denominator = denominator, Parts = [] };
        if (sources.Year != clock.GetLocalNow().Year) return sources with { Missing = MissingReason.PastRegister };
        var (total, children) = await security.DashboardAsync(scope, unit.Id, ct);
        var own = children.Aggregate(total.Totals, (rest, child) => rest.Minus(child.Totals));
        var parts = children.Prepend(total with { Totals = own })
            .Select(u => (Unit: u, Counts: u.Totals.Counts(sources.MetricKey!)))
            .Where(x => x.Counts.Denominator > 0)
            .Select(x => new SourcePart(x.Unit.Code, x.Unit.Name, x.Counts.Numerator, x.Counts.Denominator, Coverage.Share(x.Counts.Numerator, x.Counts.Denominator), null))
            .ToList();
        var (met, of) = total.Totals.Counts(sources.MetricKey!);
        return sources with
        {
            Parts = parts, NumeratorTotal = met, DenominatorTotal = of, Counted = parts.Count,
            Missing = of == 0 ? MissingReason.NothingRegistered : null,
        };
    }

    private static SourcePart TrainingPart(string code, string name, int met, int total) =>
        new(code, name, met, total, Coverage.Share(met, total), null);

    private sealed record FilingFigures(int FilingId, int SchoolId, int DistrictId, string Code, string Name, int? Top, int Bottom);

    /// <summary>Numerators and denominators add up; a minimum's figure is the lowest (as <see cref="CoverageTotals.Plus"/> adds them).</summary>
    private static (int? Top, int Bottom) Sum(CoverageFormula formula, IReadOnlyCollection<FilingFigures> rows) =>
        formula.Kind == FormulaKind.Minimum ? (rows.Min(r => r.Top), 0) : (rows.Sum(r => r.Top ?? 0), rows.Sum(r => r.Bottom));

    private static SourcePart Part(CoverageFormula formula, string code, string name, IReadOnlyCollection<FilingFigures> rows, SourceFiling? filing)
    {
        var (top, bottom) = Sum(formula, rows);
        return new(code, name, top, formula.Denominator is null ? null : bottom, formula.Of(top, bottom), filing);
    }
}
