using EduGov.Domain.Audit;
using EduGov.Domain.Identity;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Identity;

/// <summary>Open pages of this instance listen here, so a session ended on this instance closes them at once (other instances find out when they revalidate).</summary>
public sealed class SessionEvents
{
    public event Action<IReadOnlyCollection<string>>? Ended;

    internal void Raise(IReadOnlyCollection<string> sessionIds)
    {
        if (sessionIds.Count > 0) Ended?.Invoke(sessionIds);
    }
}

/// <summary>
/// Server-side sessions: one per sign-in, named by the cookie, checked by every request and every open page. Their rows
/// are not audited row by row (they change each minute of activity); sign-in, sign-out and account changes are.
/// </summary>
public sealed class SessionService(IDbContextFactory<EduGovDbContext> factory, SessionEvents events, IOptions<EduGovOptions> options, TimeProvider clock)
{
    private SessionRules Rules => new(options.Value.Sessions.IdleTimeout, options.Value.Sessions.AbsoluteTimeout);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<UserSession> StartAsync(string userId, string? client, string? address, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var session = UserSession.Start(userId, Now, client, address);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>Whether the session stands for this user; with <paramref name="activity"/>, the activity is written down (at most once a minute).</summary>
    public async Task<bool> StandsAsync(string sessionId, string userId, bool activity, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var session = await db.UserSessions.SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null) return false;
        var now = Now;
        if (session.EndedAt(now, Rules) is { } end)
        {
            session.End(now, end);
            await db.SaveChangesAsync(ct);
            return false;
        }
        if (activity && session.Touch(now)) await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task EndAsync(string sessionId, SessionEnd reason, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        await EndAsync(db, db.UserSessions.Where(s => s.Id == sessionId), reason, ct);
    }

    /// <summary>Every open session of the account, ended by <paramref name="actor"/> (a lock, a new role or unit, a new password); recorded in the audit trail.</summary>
    public async Task<int> EndAllAsync(string userId, SessionEnd reason, string actor, string? except = null, CancellationToken ct = default)
    {
        await using var db = await OpenAsync(ct);
        var ended = await EndAsync(db, db.UserSessions.Where(s => s.UserId == userId && s.Id != except), reason, ct);
        if (ended > 0)
        {
            db.Audit(new AuditEntry(Now, actor, "EndSessions", "AppUser", userId, $"{ended} 个会话（{reason}）"));
            await db.SaveChangesAsync(ct);
        }
        return ended;
    }

    private async Task<int> EndAsync(EduGovDbContext db, IQueryable<UserSession> sessions, SessionEnd reason, CancellationToken ct)
    {
        var open = await sessions.Where(s => s.EndedUtc == null).ToListAsync(ct);
        foreach (var session in open) session.End(Now, reason);
        await db.SaveChangesAsync(ct);
        events.Raise(open.Select(s => s.Id).ToList());
        return open.Count;
    }

    private async Task<EduGovDbContext> OpenAsync(CancellationToken ct)
    {
        var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        return db;
    }
}
