using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Organisation;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Filing;

public sealed record CoverageFilter(SchoolType? SchoolType = null, bool? IsRural = null)
{
    public bool IsEmpty => SchoolType is null && IsRural is null;
}

public sealed record CoverageIndicatorRow(
    int IndicatorId, string PlanTitle, string Code, string Name, string Unit, string MetricKey,
    decimal? Value, int? TargetYear, decimal? TargetValue, Direction Direction, ProgressStatus Status);

public sealed record ComparisonRow(int UnitId, string Code, string Name, SchoolType? SchoolType, bool? IsRural, decimal? Value, ProgressStatus Status);

public sealed record CoverageHeader(int PeriodId, string PeriodName, int Year, int UnitId, string UnitName, OrgUnitKind Kind, IReadOnlyList<Crumb> Ancestors, string UnitCode = "");

/// <summary>
/// The coverage dashboard: a unit's coverage indicators against the plans' targets, the comparison of its districts
/// or schools for one indicator, with filters by school type and urban/rural. Without filters it reads the stored
/// values; a filter selects schools, so its totals are summed in the database for that selection.
/// </summary>
public sealed class CoverageDashboard(IDbContextFactory<EduGovDbContext> factory)
{
    public async Task<CoverageHeader> HeaderAsync(AccessScope scope, int periodId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, unit) = await LoadAsync(db, scope, periodId, unitId, ct);
        return new CoverageHeader(period.Id, period.Name, period.Year, unit.Id, unit.Name, unit.Kind,
            await OrgUnitService.AncestorsAsync(db, scope, unit.Path, ct), unit.Code);
    }

    public async Task<IReadOnlyList<CoverageIndicatorRow>> IndicatorsAsync(
        AccessScope scope, int periodId, int unitId, CoverageFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, unit) = await LoadAsync(db, scope, periodId, unitId, ct);
        var indicators = await ApplicableAsync(db, unit.Path, ct);
        Dictionary<int, decimal> values;
        if (filter.IsEmpty)
        {
            var ids = indicators.Select(i => i.Id).ToList();
            values = await db.IndicatorValues.Where(v => v.OrgUnitId == unit.Id && v.Year == period.Year && ids.Contains(v.IndicatorId))
                .ToDictionaryAsync(v => v.IndicatorId, v => v.Value, ct);
        }
        else
        {
            var totals = await CoverageService.TotalsAsync(db, periodId, unit.Path, filter.SchoolType, filter.IsRural, ct);
            values = indicators.Select(i => (i.Id, Value: Coverage.Value(i.MetricKey!, totals)))
                .Where(v => v.Value is not null).ToDictionary(v => v.Id, v => v.Value!.Value);
        }
        return indicators.Select(i =>
        {
            decimal? value = values.TryGetValue(i.Id, out var v) ? v : null;
            var target = i.TargetFor(period.Year);
            return new CoverageIndicatorRow(i.Id, i.Plan.Title, i.Code, i.Name, i.Unit, i.MetricKey!, value, target?.Year, target?.Value,
                i.Direction, Progress.Evaluate(i, period.Year, value));
        }).ToList();
    }

    /// <summary>The children of a unit for one indicator: every district of a city, or a district's schools a page at a time.</summary>
    public async Task<Paged<ComparisonRow>> ComparisonAsync(
        AccessScope scope, int periodId, int unitId, int indicatorId, CoverageFilter filter,
        bool lowestFirst = false, int page = 0, int pageSize = 50, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, unit) = await LoadAsync(db, scope, periodId, unitId, ct);
        var indicator = (await ApplicableAsync(db, unit.Path, ct)).SingleOrDefault(i => i.Id == indicatorId) ?? throw new NotFoundException("Indicator");
        ComparisonRow Row(int id, string code, string name, SchoolType? type, bool? rural, decimal? value) =>
            new(id, code, name, type, rural, value, Progress.Evaluate(indicator, period.Year, value));

        if (unit.Kind == OrgUnitKind.City)
        {
            var districts = await db.OrgUnits.Where(d => d.ParentId == unit.Id).OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct);
            Dictionary<int, decimal?> values;
            if (filter.IsEmpty)
            {
                var ids = districts.Select(d => d.Id).ToList();
                values = (await db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && v.Year == period.Year && ids.Contains(v.OrgUnitId))
                    .Select(v => new { v.OrgUnitId, v.Value }).ToListAsync(ct)).ToDictionary(v => v.OrgUnitId, v => (decimal?)v.Value);
            }
            else
            {
                values = (await CoverageService.TotalsByAsync(db, periodId, unit.Path, filter.SchoolType, filter.IsRural, byDistrict: true, ct))
                    .ToDictionary(t => t.Key, t => Coverage.Value(indicator.MetricKey!, t.Value));
            }
            var rows = districts.Select(d => Row(d.Id, d.Code, d.Name, null, null, values.GetValueOrDefault(d.Id))).ToList();
            var ordered = lowestFirst ? rows.OrderBy(r => r.Value ?? decimal.MaxValue) : rows.OrderByDescending(r => r.Value ?? decimal.MinValue);
            return new Paged<ComparisonRow>(ordered.ToList(), rows.Count);
        }

        var schools = db.OrgUnits.Where(s => s.ParentId == unit.Id && s.Kind == OrgUnitKind.School);
        if (filter.SchoolType is { } type) schools = schools.Where(s => s.School!.Type == type);
        if (filter.IsRural is { } rural) schools = schools.Where(s => s.School!.IsRural == rural);
        var joined = from s in schools
                     from v in db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && v.Year == period.Year && v.OrgUnitId == s.Id).DefaultIfEmpty()
                     select new { s.Id, s.Code, s.Name, s.School!.Type, s.School.IsRural, Value = v == null ? (double?)null : (double)v.Value };
        var total = await joined.CountAsync(ct);
        // SQLite cannot order by decimal: the stored values are ordered as doubles.
        var sorted = lowestFirst ? joined.OrderBy(r => r.Value == null).ThenBy(r => r.Value) : joined.OrderBy(r => r.Value == null).ThenByDescending(r => r.Value);
        var pageRows = await sorted.ThenBy(r => r.Code).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<ComparisonRow>(pageRows.Select(r => Row(r.Id, r.Code, r.Name, r.Type, r.IsRural, r.Value is { } d ? (decimal)d : null)).ToList(), total);
    }

    /// <summary>The computed coverage indicators of the plans that bind a unit (issued by it or by a unit above it).</summary>
    private static Task<List<Indicator>> ApplicableAsync(EduGovDbContext db, string unitPath, CancellationToken ct)
    {
        var lineage = OrgUnit.LineageOf(unitPath);
        return db.Indicators.AsNoTracking().Include(i => i.Plan).Include(i => i.Targets)
            .Where(i => i.Source == ValueSource.Computed && i.MetricKey!.StartsWith("filing.") && lineage.Contains(i.Plan.OrgUnit.Path))
            .OrderBy(i => i.PlanId).ThenBy(i => i.Code).AsSplitQuery().ToListAsync(ct);
    }

    private static async Task<(ReportingPeriod Period, OrgUnit Unit)> LoadAsync(EduGovDbContext db, AccessScope scope, int periodId, int unitId, CancellationToken ct)
    {
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == unitId, ct) ?? throw new NotFoundException("OrgUnit");
        var period = await db.ReportingPeriods.SingleOrDefaultAsync(p => p.Id == periodId, ct) ?? throw new NotFoundException("Period");
        if (!unit.Path.StartsWith(await db.OrgUnits.Where(c => c.Id == period.CityId).Select(c => c.Path).SingleAsync(ct), StringComparison.Ordinal))
            throw new NotFoundException("Period");
        return (period, unit);
    }
}
