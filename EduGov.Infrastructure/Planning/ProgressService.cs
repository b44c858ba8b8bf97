using System.Text.Json.Serialization;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Planning;

/// <summary>One indicator of the progress page and API: its target, its latest value and where its trajectory is heading.</summary>
public sealed record IndicatorProgressRow(
    int IndicatorId, string Code, string Name, string Unit, Direction Direction, ValueSource Source, string? TaskNumber,
    int? TargetYear, decimal? TargetValue, string? TargetNote, decimal? Actual, int? ActualYear, string? ActualNote,
    ProgressStatus Status, [property: JsonIgnore] Trajectory? Trajectory = null)
{
    public decimal? Projection => Trajectory?.Projection;
    public decimal? RequiredAnnualGain => Trajectory?.RequiredAnnualGain;
    public decimal? ObservedAnnualGain => Trajectory?.ObservedAnnualGain;
    public Outlook? Outlook => Trajectory?.Outlook;
    /// <summary>The unit's values by year up to the report's year (with the plan's baseline for its issuing unit).</summary>
    public IReadOnlyList<YearValue> History => Trajectory?.Observed ?? [];
}

public sealed record ProgressReport(
    int PlanId, string PlanTitle, int StartYear, int EndYear, int OrgUnitId, string OrgUnitCode, string OrgUnitName,
    int Year, bool CanRecord, IReadOnlyList<IndicatorProgressRow> Rows);

/// <summary>One indicator of one unit off its path to the target: a line of the 预警 list.</summary>
public sealed record ProgressWarning(int PlanId, string PlanTitle, string Code, string Name, string Unit,
    string OrgUnitCode, string OrgUnitName, Trajectory Trajectory)
{
    public Outlook Outlook => Trajectory.Outlook;
    public YearValue Latest => Trajectory.Latest!;
    /// <summary>Where the straight path to the target stands in the latest value's year.</summary>
    public decimal Expected => Trajectory.Expected(Latest.Year);
}

public sealed record RecordValue(int IndicatorId, int OrgUnitId, int Year, decimal Value, string? Note);

/// <summary>
/// Each indicator's target for a year beside its latest actual value at or before that year, for one org unit.
/// The plan progress page and GET /api/plans/{id}/progress both read this.
/// </summary>
public sealed class ProgressService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    /// <param name="orgUnitCode">The unit to report on; by default the plan's issuing unit, or the user's own unit when that is out of reach.</param>
    public async Task<ProgressReport> GetAsync(AccessScope scope, int planId, string? orgUnitCode, int year, CancellationToken ct = default)
    {
        Guard.Year(year, "Year");
        await using var db = await factory.OpenAsync(scope, ct);
        var plan = await db.Plans.VisibleTo(scope).AsNoTracking()
            .Include(p => p.OrgUnit)
            .Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year))
            .Include(p => p.Indicators).ThenInclude(i => i.Task)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException("Plan");

        var units = db.OrgUnits.VisibleTo(scope);
        var unit = orgUnitCode is not null
            ? await units.SingleOrDefaultAsync(u => u.Code == orgUnitCode, ct) ?? throw new NotFoundException("OrgUnit")
            : scope.CanRead(plan.OrgUnit.Path) ? plan.OrgUnit
            : await units.SingleAsync(u => u.Path == scope.OrgPath, ct);

        var indicatorIds = plan.Indicators.Select(i => i.Id).ToList();
        var values = (await db.IndicatorValues.AsNoTracking()
                .Where(v => v.OrgUnitId == unit.Id && v.Year <= year && indicatorIds.Contains(v.IndicatorId))
                .ToListAsync(ct))
            .ToLookup(v => v.IndicatorId);

        var issuer = unit.Id == plan.OrgUnitId;
        var rows = plan.Indicators.OrderBy(i => i.Code).Select(i =>
        {
            var actual = values[i.Id].MaxBy(v => v.Year);
            var target = i.TargetFor(year, issuer);
            return new IndicatorProgressRow(i.Id, i.Code, i.Name, i.Unit, i.Direction, i.Source, i.Task?.Number,
                target?.Year, target?.Value, target?.Note, actual?.Value, actual?.Year, actual?.Note, Progress.EvaluateFor(i, issuer, year, actual?.Value),
                target is null ? null : Trajectory.Of(i, year, values[i.Id].Select(v => new YearValue(v.Year, v.Value)), issuer));
        }).ToList();

        return new ProgressReport(plan.Id, plan.Title, plan.StartYear, plan.EndYear, unit.Id, unit.Code, unit.Name, year,
            scope.CanRecordValuesFor(unit.Path), rows);
    }

    /// <summary>
    /// The 预警 list: for every plan running in <paramref name="year"/>, each indicator of each unit directly below its
    /// issuing unit (a city's districts, a district's schools) that is at risk, expected to miss or has missed its target,
    /// furthest behind its straight path first (as a share of the whole way, so indicators of different units compare).
    /// </summary>
    public async Task<IReadOnlyList<ProgressWarning>> WarningsAsync(AccessScope scope, int year, CancellationToken ct = default)
    {
        Guard.Year(year, "Year");
        await using var db = await factory.OpenAsync(scope, ct);
        var plans = await db.Plans.VisibleTo(scope).AsNoTracking()
            .Where(p => p.StartYear <= year && p.EndYear >= year)
            .Include(p => p.Indicators).ThenInclude(i => i.Targets.OrderBy(x => x.Year))
            .AsSplitQuery().ToListAsync(ct);
        var issuers = plans.Select(p => (int?)p.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.VisibleTo(scope).AsNoTracking().Where(u => issuers.Contains(u.ParentId))
            .Select(u => new { u.Id, u.ParentId, u.Code, u.Name }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var indicatorIds = plans.SelectMany(p => p.Indicators).Where(i => !i.IsAdditive).Select(i => i.Id).ToList();
        var values = (await db.IndicatorValues.AsNoTracking()
                .Where(v => v.Year <= year && unitIds.Contains(v.OrgUnitId) && indicatorIds.Contains(v.IndicatorId))
                .Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync(ct))
            .ToLookup(v => (v.IndicatorId, v.OrgUnitId), v => new YearValue(v.Year, v.Value));

        return plans
            .SelectMany(p => p.Indicators.Where(i => !i.IsAdditive).SelectMany(i => units.Where(u => u.ParentId == p.OrgUnitId).Select(u =>
                Trajectory.Of(i, year, values[(i.Id, u.Id)], withBaseline: false) is { Outlook: Outlook.AtRisk or Outlook.WillMiss or Outlook.Missed } t
                    ? new ProgressWarning(p.Id, p.Title, i.Code, i.Name, i.Unit, u.Code, u.Name, t) : null)))
            .OfType<ProgressWarning>()
            .OrderByDescending(w => w.Trajectory.Behind).ThenBy(w => w.Code).ThenBy(w => w.OrgUnitCode)
            .ToList();
    }

    /// <summary>Records (or revises) a reported value for one indicator, unit and year.</summary>
    public async Task RecordAsync(AccessScope scope, RecordValue input, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).SingleOrDefaultAsync(u => u.Id == input.OrgUnitId, ct)
            ?? throw new NotFoundException("OrgUnit");
        if (!scope.CanRecordValuesFor(unit.Path)) throw new ForbiddenException("record values");
        var indicator = await db.Indicators.Include(i => i.Plan).ThenInclude(p => p.OrgUnit)
            .Where(i => db.Plans.VisibleTo(scope).Any(p => p.Id == i.PlanId))
            .SingleOrDefaultAsync(i => i.Id == input.IndicatorId, ct) ?? throw new NotFoundException("Indicator");

        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.IndicatorValues.SingleOrDefaultAsync(
            v => v.IndicatorId == indicator.Id && v.OrgUnitId == unit.Id && v.Year == input.Year, ct);
        if (existing is null)
            db.IndicatorValues.Add(IndicatorValue.Report(indicator, unit.Id, input.Year, input.Value, input.Note, scope.UserName, now));
        else
        {
            if (existing.Source == ValueSource.Computed) throw new DomainException(ErrorCodes.ValueNotAllowedForComputed, indicator.Name);
            existing.Revise(indicator, input.Year, input.Value, input.Note, scope.UserName, now);
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<IndicatorValue>> HistoryAsync(AccessScope scope, int indicatorId, int orgUnitId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await db.IndicatorValues.VisibleTo(scope).AsNoTracking()
            .Where(v => v.IndicatorId == indicatorId && v.OrgUnitId == orgUnitId)
            .OrderBy(v => v.Year).ToListAsync(ct);
    }
}
