using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Security;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Filing;

/// <summary>
/// Evidence files of filings, programme applications, fixes of security findings and answers to rectification items and 督办, kept under <see cref="EduGovOptions.FilesPath"/> (never under wwwroot) and handed out
/// only to users whose scope covers the school or district.
/// </summary>
public sealed record EvidenceRow(int Id, string FileName, long Size);

public sealed class EvidenceStore(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock)
{
    private string Root => Path.GetFullPath(options.Value.FilesPath);

    public Task<EvidenceFile> AddAsync(AccessScope scope, int filingId, string fileName, Stream content, long size, CancellationToken ct = default) =>
        AddAsync(scope, EvidenceOwner.Filing(filingId), fileName, content, size, ct);

    public async Task<EvidenceFile> AddAsync(AccessScope scope, EvidenceOwner owner, string fileName, Stream content, long size, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        return await AddAsync(db, scope, owner, fileName, content, size, ct);
    }

    /// <summary>Adds the file through the caller's context, inside its transaction when it has one (a draft saved with its first file).</summary>
    internal async Task<EvidenceFile> AddAsync(EduGovDbContext db, AccessScope scope, EvidenceOwner owner, string fileName, Stream content, long size, CancellationToken ct)
    {
        await EnsureEditableAsync(db, scope, owner, ct);

        // Refused before a byte is read when the name or the declared size already says no.
        EvidenceFile.CheckNameAndSize(fileName, size);
        var bytes = await ReadAtMostAsync(content, EvidenceFile.MaxBytes + 1, ct);
        var evidence = EvidenceFile.Accept(owner, fileName, bytes, scope.UserName, clock.GetUtcNow().UtcDateTime);

        var path = PathOf(evidence);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, bytes, ct);
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
        await OwnerPathAsync(db, scope, evidence.Owner, ct);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, "Download", "EvidenceFile", evidence.Id.ToString(), evidence.FileName));
        await db.SaveChangesAsync(ct);
        return (evidence, File.OpenRead(PathOf(evidence)));
    }

    public async Task DeleteAsync(AccessScope scope, int evidenceId, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var evidence = await db.EvidenceFiles.SingleOrDefaultAsync(e => e.Id == evidenceId, ct) ?? throw new NotFoundException("Evidence");
        await EnsureEditableAsync(db, scope, evidence.Owner, ct);
        db.EvidenceFiles.Remove(evidence);
        await db.SaveChangesAsync(ct);
        File.Delete(PathOf(evidence));
    }

    /// <summary>The content, but not much more than <paramref name="limit"/> bytes of it, whatever size the sender declared.</summary>
    private static async Task<byte[]> ReadAtMostAsync(Stream content, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (buffer.Length < limit)
        {
            var read = await content.ReadAsync(chunk, ct);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private string PathOf(EvidenceFile evidence) => Path.Combine(Root, "evidence", evidence.StoredName[..2], evidence.StoredName);

    /// <summary>Only the unit's own staff change evidence, and only while the filing, application, finding, rectification item or 督办 is still theirs to work on.</summary>
    private static async Task EnsureEditableAsync(EduGovDbContext db, AccessScope scope, EvidenceOwner owner, CancellationToken ct)
    {
        var path = await OwnerPathAsync(db, scope, owner, ct);
        if (owner.FilingId is { } filingId)
        {
            if (!scope.CanFileFor(path)) throw new ForbiddenException("attach evidence");
            var status = await db.Filings.Where(f => f.Id == filingId).Select(f => f.Status).SingleAsync(ct);
            if (status is not (FilingStatus.Draft or FilingStatus.Returned)) throw new DomainException(ErrorCodes.FilingWrongState, status);
        }
        else if (owner.ApplicationId is { } applicationId)
        {
            if (!scope.CanApplyFor(path)) throw new ForbiddenException("attach evidence");
            var status = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.Status).SingleAsync(ct);
            if (status != ApplicationStatus.Draft) throw new DomainException(ErrorCodes.ApplicationWrongState, status);
        }
        else if (owner.RemediationItemId is { } remediationId)
        {
            if (!scope.CanKeepSecurityRegisterOf(path)) throw new ForbiddenException("attach evidence");
            var status = await db.RemediationItems.Where(r => r.Id == remediationId).Select(r => r.Status).SingleAsync(ct);
            if (status != RemediationStatus.Open) throw new DomainException(ErrorCodes.RemediationWrongState, status);
        }
        else if (owner.UrgingId is { } urgingId)
        {
            var target = await db.OrgUnits.Where(u => u.Path == path).Select(u => u.Kind).SingleAsync(ct);
            if (!Domain.Urging.UrgingRules.MayAnswer(scope, path, target)) throw new ForbiddenException("attach evidence");
            var status = await db.Urgings.Where(u => u.Id == urgingId).Select(u => u.Status).SingleAsync(ct);
            if (status != Domain.Urging.UrgingStatus.Issued) throw new DomainException(ErrorCodes.UrgingWrongState, status);
        }
        else
        {
            if (!scope.CanAnswerRectificationOf(path)) throw new ForbiddenException("attach evidence");
            var status = await db.RectificationItems.Where(r => r.Id == owner.RectificationItemId).Select(r => r.Status).SingleAsync(ct);
            if (status != RectificationStatus.Open) throw new DomainException(ErrorCodes.RectificationWrongState, status);
        }
    }

    /// <summary>The path of the unit the evidence belongs to, when the user may see it.</summary>
    private static async Task<string> OwnerPathAsync(EduGovDbContext db, AccessScope scope, EvidenceOwner owner, CancellationToken ct)
    {
        var unitId = owner switch
        {
            { FilingId: { } id } => await db.Filings.Where(f => f.Id == id).Select(f => (int?)f.SchoolId).SingleOrDefaultAsync(ct),
            { ApplicationId: { } id } => await db.Applications.Where(a => a.Id == id).Select(a => (int?)a.UnitId).SingleOrDefaultAsync(ct),
            { RemediationItemId: { } id } => await db.RemediationItems.Where(r => r.Id == id).Select(r => (int?)r.UnitId).SingleOrDefaultAsync(ct),
            { UrgingId: { } id } => await db.Urgings.Where(u => u.Id == id).Select(u => (int?)u.TargetUnitId).SingleOrDefaultAsync(ct),
            _ => await db.RectificationItems.Where(r => r.Id == owner.RectificationItemId).Select(r => (int?)r.UnitId).SingleOrDefaultAsync(ct),
        };
        return await db.OrgUnits.VisibleTo(scope).Where(u => u.Id == unitId).Select(u => u.Path).SingleOrDefaultAsync(ct)
               ?? throw new NotFoundException("Evidence");
    }
}
