using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Designations;

public sealed record ProgrammeRow(int Id, string OwnerName, ProgrammeDetails Details, string? IndicatorCode, string? IndicatorName,
    int Applications, int Active, bool CanManage, bool CanApply, int? MyApplicationId);

public sealed record IndicatorOption(int Id, string Code, string Name, string PlanTitle);

public sealed record ReviewerOption(string UserName, string DisplayName);

/// <summary>The programmes a user may see (run by their unit, a unit above it, or one below), and the commission's editing of them.</summary>
public sealed class ProgrammeService(IDbContextFactory<EduGovDbContext> factory, DesignationService designations)
{
    public async Task<IReadOnlyList<ProgrammeRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var lineage = scope.Lineage.ToList();
        var prefix = scope.OrgPath ?? "\u0001";
        var rows = await (from p in db.Programmes
                          join o in db.OrgUnits on p.OwnerUnitId equals o.Id
                          where scope.SeesEverything || o.Path.StartsWith(prefix) || lineage.Contains(o.Path)
                          from i in db.Indicators.Where(i => i.Id == p.IndicatorId).DefaultIfEmpty()
                          orderby p.OpensOn descending, p.Name
                          select new
                          {
                              Programme = p, Owner = o.Name, OwnerPath = o.Path, IndicatorCode = i == null ? null : i.Code, IndicatorName = i == null ? null : i.Name,
                              Applications = db.Applications.Count(a => a.ProgrammeId == p.Id && a.Status != ApplicationStatus.Draft),
                              Active = db.Designations.Count(d => d.ProgrammeId == p.Id && d.Status != DesignationStatus.Revoked),
                              Mine = db.Applications.Where(a => a.ProgrammeId == p.Id && a.Batch == p.OpensOn.Year && db.OrgUnits.Any(u => u.Id == a.UnitId && u.Path == prefix))
                                  .Select(a => (int?)a.Id).FirstOrDefault(),
                          }).AsNoTracking().ToListAsync(ct);
        var myKind = await db.OrgUnits.Where(u => u.Path == prefix).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct);
        return rows.Select(r => new ProgrammeRow(r.Programme.Id, r.Owner, Details(r.Programme), r.IndicatorCode, r.IndicatorName, r.Applications, r.Active,
            scope.CanManageProgrammesOf(r.OwnerPath),
            scope.OrgPath is { } own && scope.CanApplyFor(own) && own.StartsWith(r.OwnerPath, StringComparison.Ordinal)
                && myKind == (r.Programme.Target == DesignationTarget.Schools ? OrgUnitKind.School : OrgUnitKind.District),
            r.Mine)).ToList();
    }

    public async Task<ProgrammeRow> GetAsync(AccessScope scope, int id, CancellationToken ct = default) =>
        (await ListAsync(scope, ct)).SingleOrDefault(p => p.Id == id) ?? throw new NotFoundException("Programme");

    public async Task<int> SaveAsync(AccessScope scope, int? id, ProgrammeDetails details, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var owner = await db.OrgUnits.SingleOrDefaultAsync(u => u.Path == scope.OrgPath, ct);
        if (owner is null || !scope.CanManageProgrammesOf(owner.Path)) throw new ForbiddenException("run programmes");
        if (details.IndicatorId is { } indicatorId)
        {
            var indicator = await db.Indicators.Where(i => i.Id == indicatorId).Select(i => new { i.Code, i.Source, i.MetricKey, i.Plan.OrgUnit.Path })
                .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Indicator");
            if (!scope.CanEditPlansOf(indicator.Path)) throw new NotFoundException("Indicator");
            if (indicator.Source != ValueSource.Computed || indicator.MetricKey != DesignationService.Metric)
                throw new DomainException(ErrorCodes.NotADesignationIndicator, indicator.Code);
        }
        Programme programme;
        int? previousIndicator = null;
        if (id is { } existing)
        {
            programme = await db.Programmes.SingleOrDefaultAsync(p => p.Id == existing && p.OwnerUnitId == owner.Id, ct) ?? throw new NotFoundException("Programme");
            previousIndicator = programme.IndicatorId;
            programme.Update(details, hasApplications: await db.Applications.AnyAsync(a => a.ProgrammeId == existing, ct));
        }
        else db.Programmes.Add(programme = Programme.Create(owner.Id, details));
        await db.SaveChangesAsync(ct);
        foreach (var indicator in new[] { previousIndicator, programme.IndicatorId }.OfType<int>().Distinct())
            await designations.RecountAsync(indicator, ct);
        return programme.Id;
    }

    /// <summary>The computed designation-count indicators of the plans the commission keeps.</summary>
    public async Task<IReadOnlyList<IndicatorOption>> IndicatorOptionsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = await db.Indicators.Where(i => i.Source == ValueSource.Computed && i.MetricKey == DesignationService.Metric)
            .OrderBy(i => i.Plan.Title).ThenBy(i => i.Code)
            .Select(i => new { i.Id, i.Code, i.Name, i.Plan.Title, i.Plan.OrgUnit.Path }).ToListAsync(ct);
        return rows.Where(r => scope.CanEditPlansOf(r.Path)).Select(r => new IndicatorOption(r.Id, r.Code, r.Name, r.Title)).ToList();
    }

    /// <summary>Inspectors of the programme's region, who review its applications as experts.</summary>
    public async Task<IReadOnlyList<ReviewerOption>> ReviewersAsync(AccessScope scope, int programmeId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var ownerPath = await db.Programmes.Where(p => p.Id == programmeId).Join(db.OrgUnits, p => p.OwnerUnitId, o => o.Id, (p, o) => o.Path)
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Programme");
        if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("assign reviewers");
        var lineage = OrgUnit.LineageOf(ownerPath).ToList();
        return await db.Users.Where(u => u.Role == Role.Inspector && u.OrgUnit != null && lineage.Contains(u.OrgUnit.Path))
            .OrderBy(u => u.UserName).Select(u => new ReviewerOption(u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    private static ProgrammeDetails Details(Programme p) => new(p.Name, p.Tier, p.Target, p.IndicatorId, p.OpensOn, p.ClosesOn, p.Criteria);
}
