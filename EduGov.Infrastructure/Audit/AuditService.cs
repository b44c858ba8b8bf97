using EduGov.Domain.Audit;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Audit;

public sealed record AuditQuery(string? Search = null, int Page = 0, int PageSize = 50);

public sealed class AuditService(IDbContextFactory<EduGovDbContext> factory)
{
    public async Task<Paged<AuditEntry>> ListAsync(AccessScope scope, AuditQuery query, CancellationToken ct = default)
    {
        if (!scope.CanReadAudit) throw new ForbiddenException("read audit trail");
        await using var db = await factory.OpenAsync(scope, ct);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            entries = entries.Where(a => a.Actor.Contains(text) || a.Entity.Contains(text) || a.Action.Contains(text));
        }
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(a => a.Id).Skip(query.Page * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<AuditEntry>(page, total);
    }
}
