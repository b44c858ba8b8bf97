using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Supervision;

public sealed record DocumentRow(int Id, DocumentKind Kind, string Title, string UnitName, int Year, int Version, string CreatedBy, DateTime CreatedAtUtc,
    long Size, string Sha256);

/// <summary>
/// The archive of generated documents: PDFs under <see cref="EduGovOptions.FilesPath"/>/documents, listed and served
/// within scope. A new document for the same kind, unit and year (and series) becomes the next version; nothing is overwritten.
/// </summary>
public sealed class DocumentArchive(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock)
{
    private string Root => Path.Combine(Path.GetFullPath(options.Value.FilesPath), "documents");

    public async Task<GeneratedDocument> AddAsync(PrintedDocument printed, string createdBy, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var document = await StageAsync(db, printed, createdBy, ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return document;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                Discard(document); // someone archived the same version a moment earlier: take the next one
            }
            catch
            {
                Discard(document);
                throw;
            }
        }
    }

    /// <summary>
    /// The highest version archived for a kind, unit, year and series (0 for none): the document printed next is this + 1
    /// (a bulletin prints its version on its pages).
    /// </summary>
    public static async Task<int> LatestVersionAsync(EduGovDbContext db, DocumentKind kind, int unitId, int year, int series, CancellationToken ct = default) =>
        await db.GeneratedDocuments.Where(d => d.Kind == kind && d.UnitId == unitId && d.Year == year && d.Series == series)
            .MaxAsync(d => (int?)d.Version, ct) ?? 0;

    /// <summary>
    /// Writes the PDF and adds its row, as the next version, to the caller's unit of work, which saves it with whatever
    /// records the document (a bulletin's publication and its notifications). If that save fails, <see cref="Discard"/> the file.
    /// </summary>
    public async Task<GeneratedDocument> StageAsync(EduGovDbContext db, PrintedDocument printed, string createdBy, CancellationToken ct = default)
    {
        var (kind, unitId, year, title, pdf, series, figures) = printed;
        var latest = await LatestVersionAsync(db, kind, unitId, year, series, ct);
        var document = GeneratedDocument.Archive(kind, unitId, year, latest, title, pdf, createdBy, clock.GetUtcNow().UtcDateTime, series, figures);
        Directory.CreateDirectory(Root);
        await File.WriteAllBytesAsync(PathOf(document), pdf, ct);
        db.GeneratedDocuments.Add(document);
        return document;
    }

    /// <summary>Removes the file of a document whose row was never saved.</summary>
    public void Discard(GeneratedDocument document) => File.Delete(PathOf(document));

    /// <summary>The content of an archived document; the caller has checked the reader's scope and audited the read.</summary>
    public Stream Read(GeneratedDocument document) => File.OpenRead(PathOf(document));

    private string PathOf(GeneratedDocument document) => Path.Combine(Root, document.StoredName);

    /// <summary>The documents of units the user can see, newest first, a page at a time.</summary>
    public async Task<Paged<DocumentRow>> ListAsync(AccessScope scope, DocumentKind? kind, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from d in db.GeneratedDocuments
                   join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                   where kind == null || d.Kind == kind
                   orderby d.CreatedAtUtc descending, d.Id descending
                   select new DocumentRow(d.Id, d.Kind, d.Title, u.Name, d.Year, d.Version, d.CreatedBy, d.CreatedAtUtc, d.Size, d.Sha256);
        var found = await rows.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        var people = await db.PeopleAsync(found.Select(r => r.CreatedBy), ct);
        return new Paged<DocumentRow>(found.Select(r => r with { CreatedBy = people.Person(r.CreatedBy) }).ToList(), await rows.CountAsync(ct));
    }

    /// <summary>
    /// A version with the figures it was made from, and every version of the same document (kind, unit, year, series),
    /// newest first, to compare it with.
    /// </summary>
    public async Task<(DocumentRow Document, IReadOnlyList<DocumentFigure> Figures, IReadOnlyList<DocumentRow> Versions)> FiguresAsync(AccessScope scope, int id,
        CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var found = await (from d in db.GeneratedDocuments
                           join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                           where d.Id == id
                           select new { d, u.Name }).AsNoTracking().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Document");
        var document = found.d;
        var versions = await db.GeneratedDocuments.Where(v => v.Kind == document.Kind && v.UnitId == document.UnitId && v.Year == document.Year && v.Series == document.Series)
            .OrderByDescending(v => v.Version)
            .Select(v => new DocumentRow(v.Id, v.Kind, v.Title, found.Name, v.Year, v.Version, v.CreatedBy, v.CreatedAtUtc, v.Size, v.Sha256)).ToListAsync(ct);
        var people = await db.PeopleAsync(versions.Select(v => v.CreatedBy), ct);
        versions = versions.Select(v => v with { CreatedBy = people.Person(v.CreatedBy) }).ToList();
        return (versions.Single(v => v.Id == id), document.Figures, versions);
    }

    /// <summary>
    /// The figures that differ between two versions of one document, from the older to the newer, whichever is given
    /// first; two documents that are not versions of one another are not found.
    /// </summary>
    public async Task<IReadOnlyList<FigureChange>> CompareAsync(AccessScope scope, int id, int otherId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var pair = await (from d in db.GeneratedDocuments
                          join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                          where d.Id == id || d.Id == otherId
                          orderby d.Version
                          select d).AsNoTracking().ToListAsync(ct);
        if (pair is not [var older, var newer] || (older.Kind, older.UnitId, older.Year, older.Series) != (newer.Kind, newer.UnitId, newer.Year, newer.Series))
            throw new NotFoundException("Document");
        return DocumentFigures.Compare(older.Figures, newer.Figures);
    }

    public async Task<(GeneratedDocument Document, Stream Content)> OpenAsync(AccessScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var document = await (from d in db.GeneratedDocuments
                              join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                              where d.Id == id
                              select d).AsNoTracking().SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Document");
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Download", "GeneratedDocument", document.Id.ToString(),
            $"{document.Title} v{document.Version}"));
        await db.SaveChangesAsync(ct);
        return (document, Read(document));
    }
}
