using EduGov.Domain.Audit;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Audit;

/// <summary>What a check of the chain found, in words an operator can act on.</summary>
public sealed record AuditCheck(DateTime AtUtc, long Checked, long? LastId, AuditBreak? Break, long? BrokenAt)
{
    public bool Intact => Break is null;

    public string Summary => Break switch
    {
        null => $"审计链完整：已核验 {Checked} 条，至第 {LastId ?? 0} 条",
        AuditBreak.Unsealed => $"审计链断裂于第 {BrokenAt} 条：该条没有哈希，不是经由门户写入的",
        AuditBreak.Altered => $"审计链断裂于第 {BrokenAt} 条：内容与其哈希不符，被改动过或是伪造的",
        AuditBreak.Unlinked => $"审计链断裂于第 {BrokenAt} 条：与前一条不相连，其前有记录被删除、插入或调换",
        AuditBreak.StartMissing => $"审计链断裂于第 {BrokenAt} 条：链从此条开始而它尚在保留期内，更早的记录被删除了",
        AuditBreak.EndMissing => $"审计链断裂于第 {BrokenAt} 条之后：链头记载的最新记录不在了，最新的记录被删除了",
        _ => Break.ToString()!,
    };
}

/// <summary>
/// Seals and checks the audit trail's chain. Kept as a singleton so that the last full check is remembered: /healthz then
/// checks only what was appended since, and the nightly job checks everything again.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<EduGovDbContext> factory, AuditKey key, TimeProvider clock)
{
    private readonly SemaphoreSlim _checking = new(1, 1);

    public AuditCheck? LastCheck { get; private set; }

    /// <summary>The whole chain, from its oldest entry to its head.</summary>
    public Task<AuditCheck> VerifyAsync(CancellationToken ct = default) => CheckAsync(from: null, ct);

    /// <summary>Only what was appended since the last intact check (all of it when there was none).</summary>
    public Task<AuditCheck> CheckRecentAsync(CancellationToken ct = default) =>
        CheckAsync(LastCheck is { Intact: true, LastId: { } id } && _lastHash is { } hash ? (id, hash) : null, ct);

    private byte[]? _lastHash;

    private async Task<AuditCheck> CheckAsync((long Id, byte[] Hash)? from, CancellationToken ct)
    {
        await _checking.WaitAsync(ct);
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            using var check = new AuditChainCheck(key.Value, now);
            var afterId = 0L;
            if (from is { } start)
            {
                check.From(start.Id, start.Hash);
                afterId = start.Id;
            }
            await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
                if (!check.Next(entry)) break;
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(ct);
            var lastId = check.LastId ?? 0;
            check.End(head.LastEntryId, head.LastHash, laterEntriesExist: head.LastEntryId > lastId && await db.AuditEntries.AnyAsync(a => a.Id > lastId, ct));
            var checkedNow = new AuditCheck(now, check.Checked + (from is null ? 0 : LastCheck?.Checked ?? 0), check.LastId, check.Break, check.BrokenAt);
            (LastCheck, _lastHash) = (checkedNow, check.LastHash);
            return checkedNow;
        }
        finally
        {
            _checking.Release();
        }
    }
}
