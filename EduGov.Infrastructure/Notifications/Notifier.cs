using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// The one way an event tells people: its notifications are added to the unit of work that records the event, so they
/// are saved with the change they tell of or not at all (the outbound channels later send them from the same table).
/// A message's <see cref="Reminder.Subject"/> must be unique per event and user, e.g. "filing:12:returned:{ticks}".
/// </summary>
public static class Notifier
{
    /// <summary>Tells every account of the message's unit (of <paramref name="roles"/>, or of any role).</summary>
    public static async Task NotifyUnitAsync(this EduGovDbContext db, NotificationKind kind, Reminder message, DateTime atUtc,
        IReadOnlyCollection<Role>? roles = null, CancellationToken ct = default)
    {
        var users = await db.Users.Where(u => u.OrgUnitId == message.UnitId && (roles == null || roles.Contains(u.Role)))
            .Select(u => u.Id).ToListAsync(ct);
        db.Notify(users, kind, message, atUtc);
    }

    /// <summary>Tells the named accounts (the inspector who raised an item, the user who issued a 督办).</summary>
    public static async Task NotifyUsersAsync(this EduGovDbContext db, IReadOnlyCollection<string> userNames, NotificationKind kind, Reminder message,
        DateTime atUtc, CancellationToken ct = default)
    {
        var users = await db.Users.Where(u => userNames.Contains(u.UserName!)).Select(u => u.Id).ToListAsync(ct);
        db.Notify(users, kind, message, atUtc);
    }

    public static void Notify(this EduGovDbContext db, IEnumerable<string> userIds, NotificationKind kind, Reminder message, DateTime atUtc)
    {
        foreach (var userId in userIds.Distinct())
            db.Notifications.Add(Notification.Send(userId, message, atUtc, kind));
    }
}
