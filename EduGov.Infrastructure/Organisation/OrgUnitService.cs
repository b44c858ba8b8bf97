using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Organisation;

public sealed record OrgUnitRow(
    int Id, string Code, string Name, OrgUnitKind Kind, SchoolType? SchoolType, bool? IsRural,
    int? Students, int? Teachers, int? Classes, int? Classrooms, int SchoolCount);

public sealed record Crumb(int Id, string Name, bool Visible);

public sealed record OrgUnitDetail(OrgUnitRow Unit, IReadOnlyList<Crumb> Ancestors, int ChildCount);

public sealed record OrgUnitQuery(
    string? Search = null, SchoolType? SchoolType = null, bool? IsRural = null,
    string SortBy = "Code", bool Descending = false, int Page = 0, int PageSize = 20);

public sealed record OrgUnitOption(int Id, string Code, string Name, OrgUnitKind Kind, string Path);

/// <summary>Reads the organisation tree within the user's scope.</summary>
public sealed class OrgUnitService(IDbContextFactory<EduGovDbContext> factory)
{
    /// <summary>Where a user starts browsing: every city for administrators, otherwise the user's own unit.</summary>
    public async Task<IReadOnlyList<OrgUnitRow>> RootsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var roots = scope.SeesEverything
            ? db.OrgUnits.Where(u => u.ParentId == null)
            : db.OrgUnits.Where(u => u.Path == scope.OrgPath);
        return await Rows(db, roots.OrderBy(u => u.Code)).ToListAsync(ct);
    }

    /// <summary>
    /// Where a dashboard opens without a unit: the user's own unit, or for an administrator, who sees every city, the city with
    /// the most stored indicator values (the one with data), the first by code among equals.
    /// </summary>
    public async Task<int?> DefaultRootAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        if (!scope.SeesEverything) return await db.OrgUnits.Where(u => u.Path == scope.OrgPath).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
        return await db.OrgUnits.Where(u => u.ParentId == null)
            .OrderByDescending(u => db.IndicatorValues.Count(v => v.OrgUnitId == u.Id)).ThenBy(u => u.Code)
            .Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<OrgUnitDetail> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var unit = await Rows(db, db.OrgUnits.VisibleTo(scope).Where(u => u.Id == id)).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("OrgUnit");
        var path = await db.OrgUnits.Where(u => u.Id == id).Select(u => u.Path).SingleAsync(ct);
        var children = await db.OrgUnits.CountAsync(u => u.ParentId == id, ct);
        return new OrgUnitDetail(unit, await AncestorsAsync(db, scope, path, ct), children);
    }

    /// <summary>The units above one, root first, each marked whether the user may open it (for breadcrumbs).</summary>
    public static async Task<IReadOnlyList<Crumb>> AncestorsAsync(EduGovDbContext db, AccessScope scope, string path, CancellationToken ct)
    {
        var lineage = OrgUnit.LineageOf(path).SkipLast(1).ToList();
        var ancestors = await db.OrgUnits.Where(u => lineage.Contains(u.Path))
            .OrderBy(u => u.Path.Length).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct);
        return ancestors.Select(a => new Crumb(a.Id, a.Name, scope.CanRead(a.Path))).ToList();
    }

    public async Task<Paged<OrgUnitRow>> ChildrenAsync(AccessScope scope, int parentId, OrgUnitQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        if (!await db.OrgUnits.VisibleTo(scope).AnyAsync(u => u.Id == parentId, ct)) throw new NotFoundException("OrgUnit");
        var units = db.OrgUnits.VisibleTo(scope).Where(u => u.ParentId == parentId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            units = units.Where(u => u.Name.Contains(text) || u.Code.StartsWith(text));
        }
        if (query.SchoolType is { } type) units = units.Where(u => u.School!.Type == type);
        if (query.IsRural is { } rural) units = units.Where(u => u.School!.IsRural == rural);
        var total = await units.CountAsync(ct);
        units = (query.SortBy, query.Descending) switch
        {
            ("Name", false) => units.OrderBy(u => u.Name),
            ("Name", true) => units.OrderByDescending(u => u.Name),
            ("Students", false) => units.OrderBy(u => u.School!.Students),
            ("Students", true) => units.OrderByDescending(u => u.School!.Students),
            ("Teachers", false) => units.OrderBy(u => u.School!.Teachers),
            ("Teachers", true) => units.OrderByDescending(u => u.School!.Teachers),
            (_, true) => units.OrderByDescending(u => u.Code),
            _ => units.OrderBy(u => u.Code),
        };
        var page = await Rows(db, units.Skip(query.Page * query.PageSize).Take(query.PageSize)).ToListAsync(ct);
        return new Paged<OrgUnitRow>(page, total);
    }

    /// <summary>Cities and districts the user may pick (schools are searched, not listed: a city has thousands).</summary>
    public async Task<IReadOnlyList<OrgUnitOption>> RegionsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await db.OrgUnits.VisibleTo(scope).Where(u => u.Kind != OrgUnitKind.School || u.Path == scope.OrgPath)
            .OrderBy(u => u.Path).Select(u => new OrgUnitOption(u.Id, u.Code, u.Name, u.Kind, u.Path)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<OrgUnitOption>> SearchAsync(AccessScope scope, string? text, int limit = 20, OrgUnitKind? kind = null, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var units = db.OrgUnits.VisibleTo(scope);
        if (kind is { } only) units = units.Where(u => u.Kind == only);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim();
            units = units.Where(u => u.Name.Contains(t) || u.Code.StartsWith(t));
        }
        return await units.OrderBy(u => u.Kind).ThenBy(u => u.Code).Take(limit)
            .Select(u => new OrgUnitOption(u.Id, u.Code, u.Name, u.Kind, u.Path)).ToListAsync(ct);
    }

    private static IQueryable<OrgUnitRow> Rows(EduGovDbContext db, IQueryable<OrgUnit> units) =>
        units.Select(u => new OrgUnitRow(
            u.Id, u.Code, u.Name, u.Kind,
            u.School == null ? null : u.School.Type,
            u.School == null ? null : u.School.IsRural,
            u.School == null ? null : u.School.Students,
            u.School == null ? null : u.School.Teachers,
            u.School == null ? null : u.School.Classes,
            u.School == null ? null : u.School.Classrooms,
            // Schools hang directly under districts, so a district counts its children through the ParentId index.
            u.Kind == OrgUnitKind.District ? db.OrgUnits.Count(s => s.ParentId == u.Id)
                : u.Kind == OrgUnitKind.City ? db.OrgUnits.Count(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith(u.Path))
                : 0));
}
