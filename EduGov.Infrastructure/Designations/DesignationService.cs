using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Designations;

public sealed record DesignationRow(int Id, int UnitId, string UnitName, string? DistrictName, int Batch, string DocumentNumber, DateOnly DesignatedOn,
    DesignationStatus Status, DateOnly? RevokedOn, IReadOnlyList<AnnualReportRow> Reports, bool CanReport, bool CanDecide);

public sealed record AnnualReportRow(int Year, decimal Total, string Summary, string FiledBy, ReevaluationDecision? Decision, string? Reason, string? DecidedBy);

public sealed record DesignationFilter(int? Batch = null, int? DistrictId = null, DesignationStatus? Status = null);

public sealed record DistrictCount(int DistrictId, string Name, int Active);

/// <summary>
/// The designated units of a programme (the list every signed-in user of the region sees, and its Excel export), their
/// yearly re-evaluation, and the counts that become the plans' designation indicators.
/// </summary>
public sealed class DesignationService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public const string Metric = "designations.active_count";

    public async Task<IReadOnlyList<DesignationRow>> ListAsync(AccessScope scope, int programmeId, DesignationFilter filter, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (programme, ownerPath) = await ProgrammeAsync(db, scope, programmeId, ct);
        var rows = from d in db.Designations.Include(d => d.Reports.OrderBy(x => x.Year))
                   join u in db.OrgUnits on d.UnitId equals u.Id
                   where d.ProgrammeId == programmeId
                   from district in db.OrgUnits.Where(x => x.Id == u.ParentId && x.Kind == OrgUnitKind.District).DefaultIfEmpty()
                   select new { d, u.Name, u.Path, DistrictId = programme.Target == DesignationTarget.Schools ? (int?)u.ParentId : u.Id, DistrictName = district == null ? null : district.Name };
        if (filter.Batch is { } batch) rows = rows.Where(r => r.d.Batch == batch);
        if (filter.DistrictId is { } districtId) rows = rows.Where(r => r.DistrictId == districtId);
        if (filter.Status is { } status) rows = rows.Where(r => r.d.Status == status);
        // The latest batch first: years of batches make a long list, and the recent ones are what is followed up.
        var found = await rows.OrderByDescending(r => r.d.Batch).ThenBy(r => r.Path).AsNoTracking().ToListAsync(ct);
        var people = await db.PeopleAsync(found.SelectMany(r => r.d.Reports).SelectMany(x => new[] { x.FiledBy, x.DecidedBy }), ct);
        return found.Select(r => new DesignationRow(r.d.Id, r.d.UnitId, r.Name, r.DistrictName, r.d.Batch, r.d.DocumentNumber, r.d.DesignatedOn, r.d.Status, r.d.RevokedOn,
            r.d.Reports.OrderBy(x => x.Year).Select(x => new AnnualReportRow(x.Year, x.Scores.Sum(), x.Summary, people.Person(x.FiledBy), x.Decision, x.Reason, x.DecidedBy is null ? null : people.Person(x.DecidedBy))).ToList(),
            r.d.Status != DesignationStatus.Revoked && scope.CanApplyFor(r.Path),
            r.d.Reports.Any(x => x.Decision is null) && scope.CanManageProgrammesOf(ownerPath))).ToList();
    }

    /// <summary>The list as an Excel file, recorded in the audit trail.</summary>
    public async Task<byte[]> ExportAsync(AccessScope scope, int programmeId, DesignationFilter filter, CancellationToken ct = default)
    {
        var rows = await ListAsync(scope, programmeId, filter, ct);
        await using var db = await factory.OpenAsync(scope, ct);
        var name = await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Name).SingleAsync(ct);
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "认定名单", ["批次", "单位", "所属区县", "认定文号", "认定日期", "状态", "撤销日期"],
            rows.Select(r => new object?[] { r.Batch, r.UnitName, r.DistrictName, r.DocumentNumber, r.DesignatedOn.ToString("yyyy-MM-dd"), StatusText(r.Status), r.RevokedOn?.ToString("yyyy-MM-dd") }));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", "Designation", programmeId.ToString(), $"{name}: {rows.Count} rows"));
        await db.SaveChangesAsync(ct);
        return stream.ToArray();
    }

    public static string StatusText(DesignationStatus status) => status switch
    {
        DesignationStatus.Active => "在册",
        DesignationStatus.Warned => "限期整改",
        _ => "已撤销",
    };

    /// <summary>A designated unit's yearly report against the programme's rubric.</summary>
    public async Task FileReportAsync(AccessScope scope, int designationId, int year, IReadOnlyList<decimal> scores, string summary, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (designation, programme, unitPath, _) = await LoadAsync(db, scope, designationId, ct);
        if (!scope.CanApplyFor(unitPath)) throw new ForbiddenException("report for this unit");
        designation.FileReport(programme, year, scores, summary, scope.UserName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The commission's decision on a yearly report: confirm, warn (限期整改) or revoke; revoking recounts the indicator.</summary>
    public async Task DecideAsync(AccessScope scope, int designationId, int year, ReevaluationDecision decision, string? reason, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (designation, programme, _, ownerPath) = await LoadAsync(db, scope, designationId, ct);
        if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("re-evaluate designations");
        designation.Decide(year, decision, reason, DateOnly.FromDateTime(clock.GetLocalNow().DateTime), scope.UserName, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (programme.IndicatorId is { } indicator) await RecountAsync(indicator, ct);
    }

    /// <summary>Active designations per district of the programme's region, for the dashboard's chart.</summary>
    public async Task<IReadOnlyList<DistrictCount>> ByDistrictAsync(AccessScope scope, int programmeId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (programme, ownerPath) = await ProgrammeAsync(db, scope, programmeId, ct);
        var year = clock.GetLocalNow().Year;
        var designations = await (from d in db.Designations
                                  join u in db.OrgUnits on d.UnitId equals u.Id
                                  where d.ProgrammeId == programmeId
                                  select new { u.Path, d }).AsNoTracking().ToListAsync(ct);
        var counts = DesignationCount.ByUnit(designations.Select(x => (x.Path, x.d)), year);
        var districts = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District && u.Path.StartsWith(ownerPath)).OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        return districts.Select(d => new DistrictCount(d.Id, d.Name, counts.GetValueOrDefault(d.Path))).ToList();
    }

    /// <summary>
    /// The indicator's values from every programme counting toward it: for each year from the first programme's opening
    /// to this one, the active designations of the units under the plan's issuer, for the issuer and each of its districts.
    /// </summary>
    public async Task RecountAsync(int indicatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        var issuer = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => new { i.Plan.OrgUnit.Id, i.Plan.OrgUnit.Path }).SingleAsync(ct);
        var designations = await (from d in db.Designations
                                  join p in db.Programmes on d.ProgrammeId equals p.Id
                                  join u in db.OrgUnits on d.UnitId equals u.Id
                                  where p.IndicatorId == indicatorId && u.Path.StartsWith(issuer.Path)
                                  select new { u.Path, d }).AsNoTracking().ToListAsync(ct);
        var units = await db.OrgUnits.Where(u => u.Path == issuer.Path || (u.Kind == OrgUnitKind.District && u.Path.StartsWith(issuer.Path)))
            .Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        // Counted from the year the first programme opened (or the first designation, if older): a programme that is
        // open and has designated no one yet counts 0, which is a number, not 无数据.
        var opened = await db.Programmes.Where(p => p.IndicatorId == indicatorId).Select(p => (DateOnly?)p.OpensOn).MinAsync(ct);
        var thisYear = clock.GetLocalNow().Year;
        var first = designations.Select(d => d.d.DesignatedOn.Year).Append(opened?.Year ?? int.MaxValue).Min();
        var years = first > thisYear ? [] : Enumerable.Range(first, thisYear - first + 1).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.IndicatorValues.Where(v => v.IndicatorId == indicatorId && v.Source == ValueSource.Computed).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var year in years)
        {
            var counts = DesignationCount.ByUnit(designations.Select(x => (x.Path, x.d)), year);
            foreach (var unit in units)
                db.IndicatorValues.Add(IndicatorValue.Computed(indicatorId, unit.Id, year, counts.GetValueOrDefault(unit.Path), now));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<(Programme Programme, string OwnerPath)> ProgrammeAsync(EduGovDbContext db, AccessScope scope, int programmeId, CancellationToken ct)
    {
        var found = await (from p in db.Programmes
                           join o in db.OrgUnits.VisibleOrAbove(scope) on p.OwnerUnitId equals o.Id
                           where p.Id == programmeId
                           select new { p, o.Path }).AsNoTracking().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Programme");
        return (found.p, found.Path);
    }

    private static async Task<(Designation Designation, Programme Programme, string UnitPath, string OwnerPath)> LoadAsync(
        EduGovDbContext db, AccessScope scope, int designationId, CancellationToken ct)
    {
        var found = await (from d in db.Designations.Include(d => d.Reports.OrderBy(x => x.Year))
                           join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                           join p in db.Programmes on d.ProgrammeId equals p.Id
                           join o in db.OrgUnits on p.OwnerUnitId equals o.Id
                           where d.Id == designationId
                           select new { d, p, u.Path, OwnerPath = o.Path }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Designation");
        return (found.d, found.p, found.Path, found.OwnerPath);
    }
}
