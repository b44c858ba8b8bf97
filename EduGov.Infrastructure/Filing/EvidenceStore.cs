using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Filing;

/// <summary>
/// Evidence files of filings, kept under <see cref="EduGovOptions.FilesPath"/> (never under wwwroot) and handed out
/// only to users whose scope covers the school.
/// </summary>
public sealed class EvidenceStore(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock)
{
    private string Root => Path.GetFullPath(options.Value.FilesPath);

    public async Task<EvidenceFile> AddAsync(AccessScope scope, int filingId, string fileName, Stream content, long size, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var (filing, schoolPath) = await FindAsync(db, scope, filingId, ct);
        if (!scope.CanFileFor(schoolPath)) throw new ForbiddenException("attach evidence");
        if (!filing.IsEditable) throw new DomainException(ErrorCodes.FilingWrongState, filing.Status);

        if (size > EvidenceFile.MaxBytes) throw new DomainException(ErrorCodes.FileTooLarge, EvidenceFile.MaxBytes / 1024 / 1024);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        if (buffer.Length != size) size = buffer.Length;
        var evidence = EvidenceFile.Accept(filingId, fileName, buffer.GetBuffer().AsSpan(0, (int)Math.Min(16, buffer.Length)), size, scope.UserName,
            clock.GetUtcNow().UtcDateTime);

        var path = PathOf(evidence);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
        try
        {
            db.EvidenceFiles.Add(evidence);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
        return evidence;
    }

    public async Task<(EvidenceFile File, Stream Content)> OpenAsync(AccessScope scope, int evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var evidence = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId, ct) ?? throw new NotFoundException("Evidence");
        await FindAsync(db, scope, evidence.FilingId, ct);
        return (evidence, File.OpenRead(PathOf(evidence)));
    }

    public async Task DeleteAsync(AccessScope scope, int evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var evidence = await db.EvidenceFiles.SingleOrDefaultAsync(e => e.Id == evidenceId, ct) ?? throw new NotFoundException("Evidence");
        var (filing, schoolPath) = await FindAsync(db, scope, evidence.FilingId, ct);
        if (!scope.CanFileFor(schoolPath)) throw new ForbiddenException("remove evidence");
        if (!filing.IsEditable) throw new DomainException(ErrorCodes.FilingWrongState, filing.Status);
        db.EvidenceFiles.Remove(evidence);
        await db.SaveChangesAsync(ct);
        File.Delete(PathOf(evidence));
    }

    private string PathOf(EvidenceFile evidence) => Path.Combine(Root, "evidence", evidence.StoredName[..2], evidence.StoredName);

    private static async Task<(SchoolFiling Filing, string SchoolPath)> FindAsync(EduGovDbContext db, AccessScope scope, int filingId, CancellationToken ct)
    {
        var filing = await db.Filings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == filingId, ct) ?? throw new NotFoundException("Filing");
        var path = await db.OrgUnits.VisibleTo(scope).Where(u => u.Id == filing.SchoolId).Select(u => u.Path).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Filing");
        return (filing, path);
    }
}
