using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Organisation;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Filing;

public sealed record CoverageIndicatorRow(
    int IndicatorId, string PlanTitle, string Code, string Name, string Unit, string MetricKey,
    decimal? Value, int? TargetYear, decimal? TargetValue, Direction Direction, ProgressStatus Status);

/// <param name="Previous">The value a year before, to show the change beside the level.</param>
/// <param name="Rank">The place among the <paramref name="Peers"/> compared that have a value (<see cref="Places"/>); null for a group too small to rank.</param>
public sealed record ComparisonRow(int UnitId, string Code, string Name, SchoolType? SchoolType, bool? IsRural, decimal? Value, ProgressStatus Status,
    decimal? Previous = null, int? Rank = null, int Peers = 0)
{
    public decimal? Change => Value - Previous;
}

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
        AccessScope scope, int periodId, int unitId, SchoolFilter filter, CancellationToken ct = default)
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
            var totals = await CoverageService.TotalsAsync(db, periodId, unit.Path, filter, ct);
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

    /// <summary>
    /// The children of a unit for one indicator: every district of a city, or a district's schools a page at a time, each
    /// with its value a year before and its place among the units compared (those the filter selects).
    /// </summary>
    public async Task<Paged<ComparisonRow>> ComparisonAsync(
        AccessScope scope, int periodId, int unitId, int indicatorId, SchoolFilter filter,
        bool lowestFirst = false, int page = 0, int pageSize = 50, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (period, unit) = await LoadAsync(db, scope, periodId, unitId, ct);
        var indicator = (await ApplicableAsync(db, unit.Path, ct)).SingleOrDefault(i => i.Id == indicatorId) ?? throw new NotFoundException("Indicator");
        var before = await db.ReportingPeriods.Where(p => p.CityId == period.CityId && p.Year == period.Year - 1)
            .OrderByDescending(p => p.ClosesOn).FirstOrDefaultAsync(ct);

        List<(int Id, string Code, string Name, SchoolType? Type, bool? Rural)> units;
        Dictionary<int, decimal?> now, then;
        if (unit.Kind == OrgUnitKind.City)
        {
            units = (await db.OrgUnits.Where(d => d.ParentId == unit.Id).OrderBy(d => d.Code).Select(d => new { d.Id, d.Code, d.Name }).ToListAsync(ct))
                .Select(d => (d.Id, d.Code, d.Name, (SchoolType?)null, (bool?)null)).ToList();
            // Unfiltered, a district's stored value; filtered, the sum over the schools selected.
            async Task<Dictionary<int, decimal?>> ValuesAsync(ReportingPeriod? p) => p is null ? [] : filter.IsEmpty
                ? await StoredAsync(db, indicatorId, p.Year, units.Select(u => u.Id).ToList(), ct)
                : (await CoverageService.TotalsByAsync(db, p.Id, unit.Path, filter, byDistrict: true, ct))
                    .ToDictionary(t => t.Key, t => Coverage.Value(indicator.MetricKey!, t.Value));
            (now, then) = (await ValuesAsync(period), await ValuesAsync(before));
        }
        else
        {
            // A district has a few hundred schools at most: compared in memory, so each has its place among all of them.
            units = (await db.OrgUnits.Where(s => s.ParentId == unit.Id && s.Kind == OrgUnitKind.School).Matching(filter)
                    .Select(s => new { s.Id, s.Code, s.Name, s.School!.Type, s.School.IsRural }).ToListAsync(ct))
                .Select(s => (s.Id, s.Code, s.Name, (SchoolType?)s.Type, (bool?)s.IsRural)).ToList();
            var ids = units.Select(u => u.Id).ToList();
            now = await StoredAsync(db, indicatorId, period.Year, ids, ct);
            then = await StoredAsync(db, indicatorId, period.Year - 1, ids, ct);
        }

        var values = units.Select(u => now.GetValueOrDefault(u.Id)).ToList();
        var ranks = Places.Ranks(values, indicator.Direction);
        var peers = values.Count(v => v is not null);
        var rows = units.Select((u, i) => new ComparisonRow(u.Id, u.Code, u.Name, u.Type, u.Rural, values[i], Progress.Evaluate(indicator, period.Year, values[i]),
            then.GetValueOrDefault(u.Id), ranks[i], peers)).ToList();
        var ordered = (lowestFirst ? rows.OrderBy(r => r.Value ?? decimal.MaxValue) : rows.OrderByDescending(r => r.Value ?? decimal.MinValue)).ThenBy(r => r.Code);
        return new Paged<ComparisonRow>(ordered.Skip(page * pageSize).Take(pageSize).ToList(), rows.Count);
    }

    private static async Task<Dictionary<int, decimal?>> StoredAsync(EduGovDbContext db, int indicatorId, int year, List<int> units, CancellationToken ct) =>
        (await db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && v.Year == year && units.Contains(v.OrgUnitId))
            .Select(v => new { v.OrgUnitId, v.Value }).ToListAsync(ct)).ToDictionary(v => v.OrgUnitId, v => (decimal?)v.Value);

    /// <summary>The computed coverage indicators of the plans that bind a unit (issued by it or by a unit above it).</summary>
    private static Task<List<Indicator>> ApplicableAsync(EduGovDbContext db, string unitPath, CancellationToken ct)
    {
        var lineage = OrgUnit.LineageOf(unitPath);
        return db.Indicators.AsNoTracking().Include(i => i.Plan).Include(i => i.Targets.OrderBy(x => x.Year))
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
