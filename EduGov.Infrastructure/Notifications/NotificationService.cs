using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

public sealed record NotificationRow(int Id, string Title, string Body, string? Link, DateTime CreatedAtUtc, bool IsRead);

/// <summary>The signed-in user's own notifications: nobody reads or marks another's.</summary>
public sealed class NotificationService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public async Task<Paged<NotificationRow>> ListAsync(AccessScope scope, bool unreadOnly, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = Mine(db, scope).Where(n => !unreadOnly || n.ReadAtUtc == null);
        var items = await mine.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Skip(page * pageSize).Take(pageSize)
            .Select(n => new NotificationRow(n.Id, n.Title, n.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc != null)).ToListAsync(ct);
        return new Paged<NotificationRow>(items, await mine.CountAsync(ct));
    }

    public async Task<int> UnreadCountAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Mine(db, scope).CountAsync(n => n.ReadAtUtc == null, ct);
    }

    /// <summary>Marks one message read (<paramref name="id"/>), or all of them (null).</summary>
    public async Task MarkReadAsync(AccessScope scope, int? id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = scope.UserName;
        db.AuditRows = false;
        var unread = await Mine(db, scope).Where(n => n.ReadAtUtc == null && (id == null || n.Id == id)).ToListAsync(ct);
        if (id is not null && unread.Count == 0 && !await Mine(db, scope).AnyAsync(n => n.Id == id, ct)) throw new NotFoundException("Notification");
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var notification in unread) notification.MarkRead(now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A message to every administrator; a subject already told and still unread is refreshed, not repeated.</summary>
    public async Task TellAdministratorsAsync(string subject, string title, string body, string? link, CancellationToken ct = default,
        Domain.Notifications.NotificationKind kind = Domain.Notifications.NotificationKind.Reminder)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditRows = false;
        var message = new Domain.Notifications.Reminder(0, subject, title, body, link);
        var admins = await db.Users.Where(u => u.Role == Role.Admin).Select(u => u.Id).ToListAsync(ct);
        var told = await db.Notifications.Where(n => admins.Contains(n.UserId) && n.Subject == subject).ToDictionaryAsync(n => n.UserId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var admin in admins)
            if (told.TryGetValue(admin, out var notification)) notification.Refresh(message);
            else db.Notifications.Add(Domain.Notifications.Notification.Send(admin, message, now, kind));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The account id of the signed-in user, which the <see cref="NotificationHub"/> is keyed by.</summary>
    public async Task<string?> UserIdAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.UserName == scope.UserName).Select(u => u.Id).SingleOrDefaultAsync(ct);
    }

    private static IQueryable<Domain.Notifications.Notification> Mine(EduGovDbContext db, AccessScope scope) =>
        from n in db.Notifications
        join u in db.Users on n.UserId equals u.Id
        where u.UserName == scope.UserName
        select n;
}
