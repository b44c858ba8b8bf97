using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;
using EduGov.Domain.Planning;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Planning;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Designations;

public sealed record ProgrammeRow(int Id, string OwnerName, ProgrammeDetails Details, string? IndicatorCode, string? IndicatorName,
    int Applications, int Active, bool CanManage, bool CanApply, int? MyApplicationId);

public sealed record ReviewerOption(string UserName, string DisplayName);

/// <summary>The programmes a user may see (run by their unit, a unit above it, or one below), and the commission's editing of them.</summary>
public sealed class ProgrammeService(IDbContextFactory<EduGovDbContext> factory, DesignationService designations)
{
    public async Task<IReadOnlyList<ProgrammeRow>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var own = scope.OrgPath;
        var rows = await (from p in db.Programmes
                          join o in db.OrgUnits.VisibleOrAbove(scope) on p.OwnerUnitId equals o.Id
                          from i in db.Indicators.Where(i => i.Id == p.IndicatorId).DefaultIfEmpty()
                          orderby p.OpensOn descending, p.Name
                          select new
                          {
                              Programme = p, Owner = o.Name, OwnerPath = o.Path, IndicatorCode = i == null ? null : i.Code, IndicatorName = i == null ? null : i.Name,
                              Applications = db.Applications.Count(a => a.ProgrammeId == p.Id && a.Status != ApplicationStatus.Draft),
                              Active = db.Designations.Count(d => d.ProgrammeId == p.Id && d.Status != DesignationStatus.Revoked),
                              Mine = db.Applications.Where(a => a.ProgrammeId == p.Id && a.Batch == p.OpensOn.Year && db.OrgUnits.Any(u => u.Id == a.UnitId && u.Path == own))
                                  .Select(a => (int?)a.Id).FirstOrDefault(),
                          }).AsNoTracking().ToListAsync(ct);
        var myKind = await db.OrgUnits.Where(u => u.Path == own).Select(u => (OrgUnitKind?)u.Kind).FirstOrDefaultAsync(ct);
        return rows.Select(r => new ProgrammeRow(r.Programme.Id, r.Owner, Details(r.Programme), r.IndicatorCode, r.IndicatorName, r.Applications, r.Active,
            scope.CanManageProgrammesOf(r.OwnerPath),
            own is not null && scope.CanApplyFor(own) && own.StartsWith(r.OwnerPath, StringComparison.Ordinal)
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
        return await db.Indicators.Where(i => i.Source == ValueSource.Computed && i.MetricKey == DesignationService.Metric).KeptByAsync(scope, ct);
    }

    /// <summary>Inspectors of the programme's region, who review its applications as experts.</summary>
    public async Task<IReadOnlyList<ReviewerOption>> ReviewersAsync(AccessScope scope, int programmeId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var ownerPath = await db.Programmes.Where(p => p.Id == programmeId).Join(db.OrgUnits, p => p.OwnerUnitId, o => o.Id, (p, o) => o.Path)
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Programme");
        if (!scope.CanManageProgrammesOf(ownerPath)) throw new ForbiddenException("assign reviewers");
        return await Reviewers(db, ownerPath).OrderBy(u => u.UserName).Select(u => new ReviewerOption(u.UserName!, u.DisplayName)).ToListAsync(ct);
    }

    /// <summary>The inspectors whose region covers the programme's: the experts it may assign.</summary>
    public static IQueryable<Identity.AppUser> Reviewers(EduGovDbContext db, string ownerPath)
    {
        var lineage = OrgUnit.LineageOf(ownerPath).ToList();
        return db.Users.Where(u => u.Role == Role.Inspector && u.OrgUnit != null && lineage.Contains(u.OrgUnit.Path));
    }

    private static ProgrammeDetails Details(Programme p) => new(p.Name, p.Tier, p.Target, p.IndicatorId, p.OpensOn, p.ClosesOn, p.Criteria);
}
