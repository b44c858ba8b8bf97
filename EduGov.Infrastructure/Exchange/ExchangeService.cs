using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Exchange;

/// <summary>
/// One page of an exchange list: 1-based, ordered by id (so a sync that pages on while rows change misses none of the rows
/// that were there), with the total; <see cref="UpdatedSince"/> keeps only rows changed since (UTC).
/// </summary>
public sealed record PageQuery(int Page = 1, int PageSize = 100, DateTime? UpdatedSince = null);

public sealed record ExchangePage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>What the lists can be narrowed to: a unit by code (it and everything under it), an indicator by code, a year.</summary>
public sealed record ExchangeFilter(int? UnitId = null, string? UnitPath = null, string? IndicatorCode = null, int? Year = null);

public sealed record OrgUnitEntry(int Id, string Code, string Name, OrgUnitKind Kind, string? ParentCode, SchoolType? SchoolType, bool? IsRural,
    int? Students, int? Teachers, int? Classes, int? Classrooms);

/// <summary>A stored indicator value; <see cref="UpdatedAtUtc"/> is when it was last computed or recorded.</summary>
public sealed record IndicatorValueEntry(int Id, string IndicatorCode, string IndicatorName, string Unit, string OrgUnitCode, int Year, decimal Value,
    ValueSource Source, DateTime UpdatedAtUtc, string Sources);

/// <summary>An approved filing's figures; <see cref="ApprovedAtUtc"/> is also what updatedSince compares (an approved filing changes only by being reopened).</summary>
public sealed record FilingEntry(int Id, int PeriodId, string PeriodName, int Year, string SchoolCode, string SchoolName, DateTime ApprovedAtUtc, string ApprovedBy,
    SchoolSurvey Figures);

/// <summary>One school's count under one training rule (the rule's indicator) for a year: teachers who met it of those it applies to.</summary>
public sealed record ComplianceEntry(int Id, string IndicatorCode, string IndicatorName, string SchoolCode, int Year, int Met, int Total, decimal? Share);

public sealed record SecurityUnitEntry(int Id, string Code, string Name, SecurityTotals Totals, decimal? FiledRate, decimal? AssessedRate, decimal? SurveillanceRate);

public sealed record SecuritySummary(SecurityUnitEntry Unit, ExchangePage<SecurityUnitEntry> Children);

public sealed record SecurityItemEntry(int Id, string UnitCode, int? SystemId, string? SystemName, SecurityLayer Layer, RiskSeverity Severity, string Finding,
    string Owner, DateOnly RaisedOn, DateOnly Deadline, RemediationStatus Status, bool Overdue);

/// <summary>An inspection; <see cref="RecordedAtUtc"/> (null while only planned) is what updatedSince compares.</summary>
public sealed record InspectionEntry(int Id, string UnitCode, string UnitName, DateOnly PlannedOn, DateOnly? InspectedOn, InspectionStatus Status,
    decimal TotalScore, decimal MaxScore, string? Findings, DateTime? RecordedAtUtc);

/// <summary>A rectification item; <see cref="UpdatedAtUtc"/> is its latest step (raised, answered, accepted, reopened).</summary>
public sealed record RectificationEntry(int Id, int InspectionId, string UnitCode, string Requirement, DateOnly Deadline, RectificationStatus Status,
    string? Answer, bool Overdue, DateTime UpdatedAtUtc);

/// <summary>
/// The exchange API's reads: every list through the one scoping mechanism (<see cref="Scoping"/>), so a client reads what
/// the staff of its unit would see; paged by id, narrowed by unit, indicator, year and, where a row keeps when it changed,
/// by updatedSince (org units, training counts and security items keep no such time).
/// </summary>
public sealed class ExchangeService(IDbContextFactory<EduGovDbContext> factory, SecurityService security, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The path of a unit the scope can see, by code; null for a code that is unknown or out of scope (the same answer).</summary>
    public async Task<(int Id, string Path)?> UnitAsync(AccessScope scope, string code, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var unit = await db.OrgUnits.VisibleTo(scope).Where(u => u.Code == code).Select(u => new { u.Id, u.Path }).SingleOrDefaultAsync(ct);
        return unit is null ? null : (unit.Id, unit.Path);
    }

    public async Task<ExchangePage<OrgUnitEntry>> OrgUnitsAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var units = Under(db.OrgUnits.VisibleTo(scope), filter);
        return await PageAsync(units.OrderBy(u => u.Id).Select(u => new OrgUnitEntry(u.Id, u.Code, u.Name, u.Kind, u.Parent == null ? null : u.Parent.Code,
            u.School == null ? null : u.School.Type, u.School == null ? null : u.School.IsRural, u.School == null ? null : u.School.Students,
            u.School == null ? null : u.School.Teachers, u.School == null ? null : u.School.Classes, u.School == null ? null : u.School.Classrooms)), units, page, ct);
    }

    public async Task<ExchangePage<IndicatorValueEntry>> IndicatorValuesAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var values = from v in db.IndicatorValues.VisibleTo(scope)
                     join i in db.Indicators on v.IndicatorId equals i.Id
                     select new { v, i, Unit = v.OrgUnit };
        if (filter.UnitPath is { } path) values = values.Where(x => x.Unit.Path.StartsWith(path));
        if (filter.IndicatorCode is { } code) values = values.Where(x => x.i.Code == code);
        if (filter.Year is { } year) values = values.Where(x => x.v.Year == year);
        if (page.UpdatedSince is { } since) values = values.Where(x => x.v.RecordedAtUtc > since);
        var found = await PageAsync(values.OrderBy(x => x.v.Id).Select(x => new
        {
            x.v.Id, x.i.Code, x.i.Name, IndicatorUnit = x.i.Unit, UnitCode = x.Unit.Code, x.v.Year, x.v.Value, x.v.Source, x.v.RecordedAtUtc,
        }), values, page, ct);
        return Map(found, v => new IndicatorValueEntry(v.Id, v.Code, v.Name, v.IndicatorUnit, v.UnitCode, v.Year, v.Value, v.Source, Utc(v.RecordedAtUtc),
            SourcesLink(v.Code, v.UnitCode, v.Year)));
    }

    /// <summary>Where the portal explains a stored value (<see cref="Planning.ValueSourcesService"/>): formula, parts and filings, or who reported it.</summary>
    public static string SourcesLink(string indicatorCode, string unitCode, int year) =>
        $"/api/values/sources?indicator={Uri.EscapeDataString(indicatorCode)}&orgUnit={Uri.EscapeDataString(unitCode)}&year={year}";

    public async Task<ExchangePage<FilingEntry>> ApprovedFilingsAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var filings = from f in db.Filings
                      join s in Under(db.OrgUnits.VisibleTo(scope), filter) on f.SchoolId equals s.Id
                      join p in db.ReportingPeriods on f.PeriodId equals p.Id
                      where f.Status == FilingStatus.Approved
                      select new { f, s, p };
        if (filter.Year is { } year) filings = filings.Where(x => x.p.Year == year);
        // Approving is an approved filing's last step, so its last change is its approval.
        if (page.UpdatedSince is { } since) filings = filings.Where(x => x.f.UpdatedAtUtc > since);
        var found = await PageAsync(filings.OrderBy(x => x.f.Id).Select(x => new { x.f.Id, x.f.PeriodId, x.p.Name, x.p.Year, x.s.Code, SchoolName = x.s.Name, x.f.Survey }),
            filings, page, ct);
        var ids = found.Items.Select(f => f.Id).ToList();
        var approvals = (await db.FilingEvents.Where(e => ids.Contains(e.FilingId) && e.Action == FilingAction.Approved)
            .Select(e => new { e.FilingId, e.Id, e.By, e.AtUtc }).ToListAsync(ct))
            .GroupBy(e => e.FilingId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        return Map(found, f => new FilingEntry(f.Id, f.PeriodId, f.Name, f.Year, f.Code, f.SchoolName, Utc(approvals[f.Id].AtUtc), approvals[f.Id].By, f.Survey));
    }

    public async Task<ExchangePage<ComplianceEntry>> ComplianceAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var tallies = from t in db.ComplianceTallies
                      join s in Under(db.OrgUnits.VisibleTo(scope), filter) on t.SchoolId equals s.Id
                      join i in db.Indicators on t.IndicatorId equals i.Id
                      select new { t, s.Code, Indicator = i.Code, i.Name };
        if (filter.IndicatorCode is { } code) tallies = tallies.Where(x => x.Indicator == code);
        if (filter.Year is { } year) tallies = tallies.Where(x => x.t.Year == year);
        var found = await PageAsync(tallies.OrderBy(x => x.t.Id).Select(x => new { x.t.Id, x.Indicator, x.Name, x.Code, x.t.Year, x.t.Met, x.t.Total }), tallies, page, ct);
        return Map(found, t => new ComplianceEntry(t.Id, t.Indicator, t.Name, t.Code, t.Year, t.Met, t.Total, Coverage.Share(t.Met, t.Total)));
    }

    /// <summary>A unit's 等保 totals as the security dashboard counts them, and a page of its districts' or schools'.</summary>
    public async Task<SecuritySummary> SecuritySummaryAsync(AccessScope scope, int unitId, PageQuery page, CancellationToken ct = default)
    {
        var (unit, children) = await security.DashboardAsync(scope, unitId, ct);
        var ordered = children.OrderBy(c => c.UnitId).ToList();
        return new SecuritySummary(Entry(unit),
            new ExchangePage<SecurityUnitEntry>(ordered.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).Select(Entry).ToList(), page.Page, page.PageSize, ordered.Count));

        static SecurityUnitEntry Entry(UnitSecurity u) =>
            new(u.UnitId, u.Code, u.Name, u.Totals, u.Totals.FiledRate, u.Totals.AssessedRate, u.Totals.SurveillanceRate);
    }

    /// <summary>The register's remediation items not yet closed.</summary>
    public async Task<ExchangePage<SecurityItemEntry>> OpenSecurityItemsAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var items = from r in db.RemediationItems
                    join u in Under(db.OrgUnits.VisibleTo(scope), filter) on r.UnitId equals u.Id
                    from s in db.InformationSystems.Where(s => s.Id == r.SystemId).DefaultIfEmpty()
                    where r.Status != RemediationStatus.Closed
                    select new { r, u.Code, SystemName = s == null ? null : s.Name };
        var found = await PageAsync(items.OrderBy(x => x.r.Id), items, page, ct);
        var today = Today;
        return Map(found, x => new SecurityItemEntry(x.r.Id, x.Code, x.r.SystemId, x.SystemName, x.r.Layer, x.r.Severity, x.r.Finding, x.r.Owner, x.r.RaisedOn,
            x.r.Deadline, x.r.Status, x.r.IsOverdue(today)));
    }

    public async Task<ExchangePage<InspectionEntry>> InspectionsAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var inspections = from i in db.Inspections
                          join u in Under(db.OrgUnits.VisibleTo(scope), filter) on i.UnitId equals u.Id
                          select new { i, u.Code, u.Name };
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            inspections = inspections.Where(x => (x.i.InspectedOn ?? x.i.PlannedOn) >= from && (x.i.InspectedOn ?? x.i.PlannedOn) <= to);
        }
        if (page.UpdatedSince is { } since) inspections = inspections.Where(x => x.i.RecordedAtUtc > since);
        var found = await PageAsync(inspections.OrderBy(x => x.i.Id).Select(x => new InspectionEntry(x.i.Id, x.Code, x.Name, x.i.PlannedOn, x.i.InspectedOn, x.i.Status,
            x.i.TotalScore, x.i.MaxScore, x.i.Findings, x.i.RecordedAtUtc)), inspections, page, ct);
        return Map(found, i => i with { RecordedAtUtc = i.RecordedAtUtc is { } at ? Utc(at) : null });
    }

    public async Task<ExchangePage<RectificationEntry>> RectificationsAsync(AccessScope scope, ExchangeFilter filter, PageQuery page, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var items = from r in db.RectificationItems
                    join u in Under(db.OrgUnits.VisibleTo(scope), filter) on r.UnitId equals u.Id
                    select new { r, u.Code, UpdatedAtUtc = db.Set<RectificationStep>().Where(s => s.ItemId == r.Id).Max(s => s.AtUtc) };
        if (page.UpdatedSince is { } since) items = items.Where(x => x.UpdatedAtUtc > since);
        var found = await PageAsync(items.OrderBy(x => x.r.Id), items, page, ct);
        var today = Today;
        return Map(found, x => new RectificationEntry(x.r.Id, x.r.InspectionId, x.Code, x.r.Requirement, x.r.Deadline, x.r.Status, x.r.Answer,
            x.r.IsOverdue(today), Utc(x.UpdatedAtUtc)));
    }

    // Some providers read times back without their kind: they are all UTC, and a client sends them back as updatedSince.
    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private async Task<EduGovDbContext> OpenAsync(AccessScope scope, CancellationToken ct)
    {
        var db = await factory.OpenAsync(scope, ct);
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        return db;
    }

    private static IQueryable<OrgUnit> Under(IQueryable<OrgUnit> units, ExchangeFilter filter) =>
        filter.UnitPath is { } path ? units.Where(u => u.Path.StartsWith(path)) : units;

    private static async Task<ExchangePage<T>> PageAsync<T, TAll>(IQueryable<T> ordered, IQueryable<TAll> all, PageQuery page, CancellationToken ct) =>
        new(await ordered.Skip((page.Page - 1) * page.PageSize).Take(page.PageSize).ToListAsync(ct), page.Page, page.PageSize, await all.CountAsync(ct));

    private static ExchangePage<TOut> Map<TIn, TOut>(ExchangePage<TIn> page, Func<TIn, TOut> map) => new(page.Items.Select(map).ToList(), page.Page, page.PageSize, page.Total);
}
