using ClosedXML.Excel;
using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Audit;

/// <summary>
/// What the audit page filters by: the user, the actor's unit (and the units below it), the action, the object, and a
/// range of local dates; plus free text over user, object and details.
/// </summary>
public sealed record AuditQuery(
    string? Actor = null, string? UnitPath = null, string? Action = null, string? Entity = null, DateOnly? From = null, DateOnly? To = null,
    string? Search = null, int Page = 0, int PageSize = 50);

public sealed record AuditRow(long Id, DateTime AtUtc, string Actor, string? UnitName, string Action, string Entity, string? EntityId, string? Details)
{
    /// <summary>The actor's display name ("市级督学"), or the login name when the account is gone or the actor is the system.</summary>
    public string ActorName { get; init; } = Actor;
}

/// <summary>The audit trail for administrators: read in pages from the database, filtered, exported (and the export is itself audited).</summary>
public sealed class AuditService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    /// <summary>The most an export holds; a wider one is narrowed by the filters first.</summary>
    public const int ExportLimit = 100_000;

    public async Task<Paged<AuditRow>> ListAsync(AccessScope scope, AuditQuery query, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var entries = Filter(db, query);
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(a => a.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<AuditRow>(await RowsAsync(db, page, ct), total);
    }

    /// <summary>The actions and objects the trail holds, for the filters' lists.</summary>
    public async Task<(IReadOnlyList<string> Actions, IReadOnlyList<string> Entities)> ChoicesAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var entities = await db.AuditEntries.Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(ct);
        return (actions, entities);
    }

    /// <summary>The filtered entries as a workbook, newest first, written through <paramref name="describe"/> (the page's own words).</summary>
    public async Task<byte[]> ExportAsync(AccessScope scope, AuditQuery query, Func<AuditRow, object?[]> describe, string[] header, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(scope, ct);
        var entries = await Filter(db, query).OrderByDescending(a => a.Id).Take(ExportLimit).ToListAsync(ct);
        var rows = await RowsAsync(db, entries, ct);
        using var workbook = new XLWorkbook();
        Spreadsheet.Sheet(workbook, "审计日志", header, rows.Select(describe));
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Export", nameof(AuditEntry), null, $"{rows.Count} 条"));
        await db.SaveChangesAsync(ct);
        return stream.ToArray();
    }

    private async Task<EduGovDbContext> OpenAsync(AccessScope scope, CancellationToken ct)
    {
        if (!scope.CanReadAudit) throw new ForbiddenException("read audit trail");
        return await factory.OpenAsync(scope, ct);
    }

    private IQueryable<AuditEntry> Filter(EduGovDbContext db, AuditQuery query)
    {
        var entries = db.AuditEntries.AsNoTracking();
        if (Text(query.Actor) is { } actor) entries = entries.Where(a => a.Actor == actor);
        if (Text(query.UnitPath) is { } unit) entries = entries.Where(a => a.ActorUnit != null && a.ActorUnit.StartsWith(unit));
        if (Text(query.Action) is { } action) entries = entries.Where(a => a.Action == action);
        if (Text(query.Entity) is { } entity) entries = entries.Where(a => a.Entity == entity);
        if (query.From is { } from)
        {
            var start = Utc(from);
            entries = entries.Where(a => a.AtUtc >= start);
        }
        if (query.To is { } to)
        {
            var end = Utc(to.AddDays(1));
            entries = entries.Where(a => a.AtUtc < end);
        }
        if (Text(query.Search) is { } search)
            entries = entries.Where(a => a.Actor.Contains(search) || a.Entity.Contains(search) || a.EntityId == search || a.Details!.Contains(search));
        return entries;
    }

    private DateTime Utc(DateOnly localDate) =>
        TimeZoneInfo.ConvertTimeToUtc(localDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<List<AuditRow>> RowsAsync(EduGovDbContext db, List<AuditEntry> entries, CancellationToken ct)
    {
        var paths = entries.Select(e => e.ActorUnit).OfType<string>().Distinct().ToList();
        var names = await db.OrgUnits.Where(u => paths.Contains(u.Path)).ToDictionaryAsync(u => u.Path, u => u.Name, ct);
        var actors = entries.Select(e => e.Actor).Distinct().ToList();
        var people = await db.Users.Where(u => actors.Contains(u.UserName!) && u.DisplayName != "").ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, ct);
        return entries.Select(e => new AuditRow(e.Id, e.AtUtc, e.Actor, e.ActorUnit is null ? null : names.GetValueOrDefault(e.ActorUnit),
            e.Action, e.Entity, e.EntityId, e.Details) { ActorName = people.GetValueOrDefault(e.Actor, e.Actor) }).ToList();
    }
}
