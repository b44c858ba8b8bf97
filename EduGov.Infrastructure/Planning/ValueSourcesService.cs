using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

/// <summary>Why a value is missing, so the panel can say which (无数据 stays only where there truly is no source).</summary>
public enum MissingReason { NotRecorded = 1, NoPeriod, NoApprovedFilings, NothingToMeasure }

/// <summary>The approved filing a school's part came from: its period, and when and by whom it was approved.</summary>
public sealed record SourceFiling(int FilingId, int PeriodId, int SchoolId, DateTime? ApprovedAtUtc, string? ApprovedBy);

/// <summary>One unit's share of a value: a district of a city, a school of a district, with its numerator and denominator.</summary>
public sealed record SourcePart(string OrgUnitCode, string OrgUnitName, int? Numerator, int? Denominator, decimal? Value, SourceFiling? Filing);

/// <summary>
/// Where one stored value came from (数据溯源): for a value computed from filings, its formula in words and the units
/// whose numerators and denominators add up to it, each school with the approved filing that supplied it; for a
/// reported value, who recorded it, when and with what note.
/// </summary>
public sealed record ValueSources(
    int IndicatorId, string IndicatorCode, string IndicatorName, string Unit, string? MetricKey,
    string OrgUnitCode, string OrgUnitName, OrgUnitKind OrgUnitKind, int Year,
    decimal? Value, ValueSource Source, DateTime? RecordedAtUtc, string? RecordedBy, string? Note,
    FormulaKind? Formula = null, string? Numerator = null, string? Denominator = null, int? NumeratorTotal = null, int? DenominatorTotal = null,
    string? Period = null, IReadOnlyList<SourcePart>? Parts = null, int Counted = 0, int NotCounted = 0, MissingReason? Missing = null);

/// <summary>The provenance behind the values of the dashboards, the progress page, the documents and GET /api/values/sources.</summary>
public sealed class ValueSourcesService(IDbContextFactory<EduGovDbContext> factory)
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
        var sources = new ValueSources(indicator.Id, indicator.Code, indicator.Name, indicator.Unit, indicator.MetricKey, unit.Code, unit.Name, unit.Kind, year,
            stored?.Value, indicator.Source, stored?.RecordedAtUtc, stored?.RecordedBy, stored?.Note);
        if (indicator.Source == ValueSource.Reported) return sources with { Missing = stored is null ? MissingReason.NotRecorded : null };
        return Coverage.IsFilingMetric(indicator.MetricKey) ? await FromFilingsAsync(db, sources, unit, ct) : sources;
    }

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

        var byDistrict = unit.Kind == OrgUnitKind.City;
        var filings = await (from f in db.Filings
                             join s in db.OrgUnits on f.SchoolId equals s.Id
                             where f.PeriodId == period.Id && s.Path.StartsWith(unit.Path) && s.Kind == OrgUnitKind.School
                             select new { f.Id, f.SchoolId, s.ParentId, SchoolCode = s.Code, SchoolName = s.Name, f.Status, f.Contribution })
            .AsNoTracking().ToListAsync(ct);
        var approved = filings.Where(f => f.Status == FilingStatus.Approved && f.Contribution is not null).ToList();
        var counted = approved.Count;
        var schoolsUnder = await db.OrgUnits.CountAsync(u => u.Path.StartsWith(unit.Path) && u.Kind == OrgUnitKind.School, ct);
        sources = sources with { Period = period.Name, Counted = counted, NotCounted = schoolsUnder - counted };
        if (counted == 0) return sources with { Missing = MissingReason.NoApprovedFilings };

        List<SourcePart> parts;
        if (byDistrict)
        {
            var districts = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == unit.Id).OrderBy(u => u.Code)
                .Select(u => new { u.Id, u.Code, u.Name }).ToListAsync(ct);
            var totals = approved.GroupBy(f => f.ParentId!.Value).ToDictionary(g => g.Key, g => g.Aggregate(CoverageTotals.Empty, (t, f) => t.Plus(f.Contribution!)));
            parts = districts.Where(d => totals.ContainsKey(d.Id)).Select(d => Part(formula, d.Code, d.Name, totals[d.Id], null)).ToList();
        }
        else
        {
            var ids = approved.Select(f => f.Id).ToList();
            var approvals = (await db.FilingEvents.AsNoTracking().Where(e => ids.Contains(e.FilingId) && e.Action == FilingAction.Approved)
                    .Select(e => new { e.FilingId, e.AtUtc, e.By }).ToListAsync(ct))
                .GroupBy(e => e.FilingId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.AtUtc)!);
            parts = approved.OrderBy(f => f.SchoolCode).Select(f => Part(formula, f.SchoolCode, f.SchoolName, f.Contribution!,
                new SourceFiling(f.Id, period.Id, f.SchoolId, approvals.GetValueOrDefault(f.Id)?.AtUtc, approvals.GetValueOrDefault(f.Id)?.By))).ToList();
        }
        var total = approved.Aggregate(CoverageTotals.Empty, (t, f) => t.Plus(f.Contribution!));
        return sources with
        {
            Parts = parts, NumeratorTotal = formula.Top(total), DenominatorTotal = formula.Bottom?.Invoke(total),
            Missing = formula.Value(total) is null ? MissingReason.NothingToMeasure : null,
        };
    }

    private static SourcePart Part(CoverageFormula formula, string code, string name, CoverageTotals totals, SourceFiling? filing) =>
        new(code, name, formula.Top(totals), formula.Bottom?.Invoke(totals), formula.Value(totals), filing);
}
