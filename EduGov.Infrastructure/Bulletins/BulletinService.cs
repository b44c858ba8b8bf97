using EduGov.Domain.Audit;
using EduGov.Domain.Bulletins;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Supervision;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Bulletins;

/// <summary>Prints a bulletin (implemented where the document components live, the web project).</summary>
public interface IBulletinPrinter
{
    Task<byte[]> PrintAsync(BulletinReport report, CancellationToken ct = default);
}

/// <summary>A reporting period the user may publish a bulletin on, and the bulletin it already has.</summary>
public sealed record BulletinPeriod(int PeriodId, string Name, int Year, int CityId, string City, DateOnly OpensOn, DateOnly ClosesOn, int? BulletinId, int Versions);

public sealed record BulletinRow(int Id, string Number, string Title, string City, string Period, int Versions, string PublishedBy, DateTime PublishedAtUtc);

public sealed record BulletinVersionRow(int Version, int DocumentId, string PublishedBy, DateTime PublishedAtUtc, long Size, string Sha256, int Named);

public sealed record NamedUnitRow(int UnitId, string Name, OrgUnitKind Kind, BulletinReason Reasons);

/// <summary>
/// One bulletin as its reader sees it: every version (who published it, when), the units the latest names, and — for a
/// reader whose own unit is named — why.
/// </summary>
public sealed record BulletinView(int Id, string Number, string Title, string City, int PeriodId, string Period, bool CanPublish,
    IReadOnlyList<BulletinVersionRow> Versions, IReadOnlyList<NamedUnitRow> Named, BulletinReason OwnReasons);

public sealed record Published(int BulletinId, string Number, int Version, string Title, int UnitsTold, int UsersTold);

/// <summary>
/// 通报: the commission previews and publishes its city's bulletin on a reporting period; each publication is the next
/// version, archived with the documents, and tells the units it names — all in one unit of work. Readers open the bulletins
/// <see cref="BulletinAccess"/> lets them: the city's staff and every district of it, and a school the bulletin names.
/// </summary>
public sealed class BulletinService(IDbContextFactory<EduGovDbContext> factory, BulletinData data, DocumentArchive archive, IBulletinPrinter printer,
    TimeProvider clock)
{
    // A path no unit has (as in Scoping): a user without an org unit sees nothing.
    private const string Nothing = "\u0001";

    private DateOnly Today => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    /// <summary>The periods of the cities the user publishes for, newest first.</summary>
    public async Task<IReadOnlyList<BulletinPeriod>> PeriodsAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var cities = (await db.OrgUnits.VisibleTo(scope).Where(u => u.Kind == OrgUnitKind.City).Select(u => new { u.Id, u.Name, u.Path }).ToListAsync(ct))
            .Where(c => scope.CanPublishBulletinsOf(c.Path)).ToDictionary(c => c.Id);
        var ids = cities.Keys.ToList();
        var periods = await (from p in db.ReportingPeriods
                             where ids.Contains(p.CityId)
                             join b in db.Bulletins on p.Id equals b.PeriodId into published
                             from b in published.DefaultIfEmpty()
                             orderby p.ClosesOn descending, p.Id descending
                             select new { p.Id, p.Name, p.Year, p.CityId, p.OpensOn, p.ClosesOn, Bulletin = b == null ? (int?)null : b.Id,
                                 Versions = b == null ? 0 : b.Issues.Count }).ToListAsync(ct);
        return periods.Select(p => new BulletinPeriod(p.Id, p.Name, p.Year, p.CityId, cities[p.CityId].Name, p.OpensOn, p.ClosesOn, p.Bulletin, p.Versions)).ToList();
    }

    /// <summary>What publishing now would print: the figures as of today, with the number and version it would get.</summary>
    public async Task<BulletinReport> PreviewAsync(AccessScope scope, int periodId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (number, version, _) = await NextAsync(db, scope, periodId, ct);
        return await data.BuildAsync(scope, periodId, number, version, ct);
    }

    /// <summary>
    /// Publishes the bulletin of a period as its next version: prints it, archives the PDF, records the units it names and
    /// tells each of them (district staff; a school's principals), saved together or not at all.
    /// </summary>
    public async Task<Published> PublishAsync(AccessScope scope, int periodId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.OpenAsync(scope, ct);
            var (number, version, bulletin) = await NextAsync(db, scope, periodId, ct);
            var report = await data.BuildAsync(scope, periodId, number, version, ct);
            var pdf = await printer.PrintAsync(report, ct);

            GeneratedDocument? document = null;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (bulletin is null)
                {
                    var sequence = await NextSequenceAsync(db, report.CityId, Today.Year, ct);
                    bulletin = Bulletin.Open(report.CityId, report.City, periodId, Today.Year, sequence, report.Title);
                    if (bulletin.Number != number) throw new PublishedMeanwhile(); // another bulletin took the number while this one printed
                    db.Bulletins.Add(bulletin);
                    await db.SaveChangesAsync(ct);
                }
                document = await archive.StageAsync(db, new PrintedDocument(DocumentKind.Bulletin, report.CityId, report.Year, report.Title, pdf, periodId),
                    scope.UserName, ct);
                if (document.Version != version) throw new PublishedMeanwhile();
                bulletin.Publish(document, report.Named.Select(n => (n.UnitId, n.Reasons)));

                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var unit in report.Named)
                {
                    var school = unit.Kind == OrgUnitKind.School;
                    var message = new Reminder(unit.UnitId, $"bulletin:{bulletin.Id}:v{version}", $"通报：{report.Title}",
                        $"{report.Issuer}发布{number}《{report.Title}》（第 {version} 版），点名{(school ? "本校" : "本单位")}：" +
                        $"{NamedUnits.Describe(unit.Reasons, school, report.PastDeadline)}。请查阅通报，按要求抓紧落实。",
                        $"/bulletins/{bulletin.Id}");
                    await db.NotifyUnitAsync(NotificationKind.BulletinPublished, message, now, [school ? Role.Principal : Role.District], ct);
                }
                var told = db.ChangeTracker.Entries<Notification>().Count(e => e.State == EntityState.Added);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return new Published(bulletin.Id, bulletin.Number, version, bulletin.Title, report.Named.Count, told);
            }
            catch (Exception e) when (attempt < 3 && (e is PublishedMeanwhile || (e is DbUpdateException u && u.IsUniqueViolation())))
            {
                if (document is not null) archive.Discard(document); // someone published the same version a moment earlier: print the next
            }
            catch
            {
                if (document is not null) archive.Discard(document);
                throw;
            }
        }
    }

    /// <summary>The bulletins the user may open, the latest published first.</summary>
    public async Task<Paged<BulletinRow>> ListAsync(AccessScope scope, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from b in Visible(db, scope)
                   join c in db.OrgUnits on b.CityId equals c.Id
                   join p in db.ReportingPeriods on b.PeriodId equals p.Id
                   let latest = b.Issues.OrderByDescending(i => i.Version).Select(i => i.Document).FirstOrDefault()
                   where latest != null
                   orderby latest.CreatedAtUtc descending, b.Id descending
                   select new BulletinRow(b.Id, b.Number, b.Title, c.Name, p.Name, b.Issues.Count, latest.CreatedBy, latest.CreatedAtUtc);
        var found = await rows.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var people = await db.PeopleAsync(found.Select(r => r.PublishedBy), ct);
        return new Paged<BulletinRow>(found.Select(r => r with { PublishedBy = people.Person(r.PublishedBy) }).ToList(), await rows.CountAsync(ct));
    }

    public async Task<BulletinView> GetAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var bulletin = await Visible(db, scope).AsNoTracking().Include(b => b.Issues.OrderBy(x => x.Id)).ThenInclude(i => i.Document).Include(b => b.Issues).ThenInclude(i => i.Mentions.OrderBy(x => x.Id))
            .AsSplitQuery().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (bulletin is null || bulletin.Issues.Count == 0) throw new NotFoundException("Bulletin");
        var city = await db.OrgUnits.Where(u => u.Id == bulletin.CityId).Select(u => new { u.Name, u.Path }).SingleAsync(ct);
        var period = await db.ReportingPeriods.Where(p => p.Id == bulletin.PeriodId).Select(p => p.Name).SingleAsync(ct);
        var latest = bulletin.Issues.MaxBy(i => i.Version)!;
        var unitIds = latest.Mentions.Select(m => m.UnitId).ToList();
        var units = await db.OrgUnits.Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.Name, u.Kind, u.Code, u.Path }).ToListAsync(ct);
        var named = latest.Mentions.Join(units, m => m.UnitId, u => u.Id, (m, u) => (Row: new NamedUnitRow(u.Id, u.Name, u.Kind, m.Reasons), u.Code, u.Path))
            .OrderBy(x => x.Row.Kind).ThenBy(x => x.Code, StringComparer.Ordinal).ToList();
        var own = named.Where(x => x.Path == scope.OrgPath).Select(x => x.Row.Reasons).FirstOrDefault();
        var people = await db.PeopleAsync(bulletin.Issues.Select(i => i.Document.CreatedBy), ct);
        var versions = bulletin.Issues.OrderByDescending(i => i.Version).Select(i => new BulletinVersionRow(i.Version, i.DocumentId, people.Person(i.Document.CreatedBy),
            i.Document.CreatedAtUtc, i.Document.Size, i.Document.Sha256, i.Mentions.Count)).ToList();
        return new BulletinView(bulletin.Id, bulletin.Number, bulletin.Title, city.Name, bulletin.PeriodId, period, scope.CanPublishBulletinsOf(city.Path),
            versions, named.Select(x => x.Row).ToList(), own);
    }

    /// <summary>One version's PDF, to a user who may open the bulletin (404 otherwise); the read is audited.</summary>
    public async Task<(GeneratedDocument Document, string Number, Stream Content)> OpenAsync(AccessScope scope, int id, int version, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await (from b in Visible(db, scope)
                           where b.Id == id
                           from i in b.Issues
                           where i.Version == version
                           select new { i.Document, b.Number }).AsNoTracking().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Bulletin");
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Download", "GeneratedDocument", found.Document.Id.ToString(),
            $"{found.Number} {found.Document.Title} v{found.Document.Version}"));
        await db.SaveChangesAsync(ct);
        return (found.Document, found.Number, archive.Read(found.Document));
    }

    /// <summary>
    /// The bulletins a user may open, as a query: <see cref="BulletinAccess.CanOpenBulletin"/> in the database (its tests
    /// hold both to the same cases).
    /// </summary>
    private static IQueryable<Bulletin> Visible(EduGovDbContext db, AccessScope scope)
    {
        if (scope.SeesEverything) return db.Bulletins;
        var prefix = scope.OrgPath ?? Nothing;
        var addressed = scope.Role is Role.District or Role.Inspector;
        var lineage = scope.Lineage.ToList();
        return from b in db.Bulletins
               join c in db.OrgUnits on b.CityId equals c.Id
               where c.Path.StartsWith(prefix)
                     || (addressed && lineage.Contains(c.Path))
                     || db.BulletinMentions.Any(m => db.BulletinIssues.Any(i => i.Id == m.IssueId && i.BulletinId == b.Id)
                                                     && db.OrgUnits.Any(u => u.Id == m.UnitId && u.Path.StartsWith(prefix)))
               select b;
    }

    /// <summary>The number and version publishing now would give, after checking the user may publish for the period's city.</summary>
    private async Task<(string Number, int Version, Bulletin? Existing)> NextAsync(EduGovDbContext db, AccessScope scope, int periodId, CancellationToken ct)
    {
        var (period, city) = await BulletinData.PeriodAsync(db, scope, periodId, ct);
        if (!scope.CanPublishBulletinsOf(city.Path)) throw new ForbiddenException("publish bulletins");
        var bulletin = await db.Bulletins.Include(b => b.Issues.OrderBy(x => x.Id)).SingleOrDefaultAsync(b => b.PeriodId == periodId, ct);
        if (bulletin is not null) return (bulletin.Number, bulletin.LatestVersion + 1, bulletin);
        var year = Today.Year;
        return (BulletinRules.Number(city.Name, year, await NextSequenceAsync(db, city.Id, year, ct)), 1, null);
    }

    private static async Task<int> NextSequenceAsync(EduGovDbContext db, int cityId, int year, CancellationToken ct) =>
        (await db.Bulletins.Where(b => b.CityId == cityId && b.NumberYear == year).MaxAsync(b => (int?)b.Sequence, ct) ?? 0) + 1;

    private sealed class PublishedMeanwhile : Exception;
}
