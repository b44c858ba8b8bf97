using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Supervision;

public sealed record DocumentRow(int Id, DocumentKind Kind, string Title, string UnitName, int Year, int Version, string CreatedBy, DateTime CreatedAtUtc,
    long Size, string Sha256);

/// <summary>
/// The archive of generated documents: PDFs under <see cref="EduGovOptions.FilesPath"/>/documents, listed and served
/// within scope. A new document for the same kind, unit and year becomes the next version; nothing is overwritten.
/// </summary>
public sealed class DocumentArchive(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock)
{
    private string Root => Path.Combine(Path.GetFullPath(options.Value.FilesPath), "documents");

    public async Task<GeneratedDocument> AddAsync(PrintedDocument printed, string createdBy, CancellationToken ct = default)
    {
        var (kind, unitId, year, title, pdf) = printed;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var latest = await db.GeneratedDocuments.Where(d => d.Kind == kind && d.UnitId == unitId && d.Year == year).MaxAsync(d => (int?)d.Version, ct) ?? 0;
            var document = GeneratedDocument.Archive(kind, unitId, year, latest, title, pdf, createdBy, clock.GetUtcNow().UtcDateTime);
            var path = Path.Combine(Root, document.StoredName);
            Directory.CreateDirectory(Root);
            await File.WriteAllBytesAsync(path, pdf, ct);
            try
            {
                db.GeneratedDocuments.Add(document);
                await db.SaveChangesAsync(ct);
                return document;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                File.Delete(path); // someone archived the same version a moment earlier: take the next one
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }
    }

    /// <summary>The documents of units the user can see, newest first, a page at a time.</summary>
    public async Task<Paged<DocumentRow>> ListAsync(AccessScope scope, DocumentKind? kind, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from d in db.GeneratedDocuments
                   join u in db.OrgUnits.VisibleTo(scope) on d.UnitId equals u.Id
                   where kind == null || d.Kind == kind
                   orderby d.CreatedAtUtc descending, d.Id descending
                   select new DocumentRow(d.Id, d.Kind, d.Title, u.Name, d.Year, d.Version, d.CreatedBy, d.CreatedAtUtc, d.Size, d.Sha256);
        return new Paged<DocumentRow>(await rows.Skip(page * pageSize).Take(pageSize).ToListAsync(ct), await rows.CountAsync(ct));
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
        return (document, File.OpenRead(Path.Combine(Root, document.StoredName)));
    }
}
