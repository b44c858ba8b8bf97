using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// The one way an event tells people: its notifications are added to the unit of work that records the event, so they
/// are saved with the change they tell of or not at all (the outbound channels later send them from the same table).
/// A message's <see cref="Reminder.Subject"/> must be unique per event and user, e.g. "filing:12:returned:{ticks}".
/// Whoever did the thing (<c>except</c>) is not told of it.
/// </summary>
public static class Notifier
{
    /// <summary>Tells every account of the message's unit (of <paramref name="roles"/>, or of any role).</summary>
    public static async Task NotifyUnitAsync(this EduGovDbContext db, NotificationKind kind, Reminder message, DateTime atUtc,
        IReadOnlyCollection<Role>? roles = null, CancellationToken ct = default, string? except = null)
    {
        var users = await db.Users.Where(u => u.OrgUnitId == message.UnitId && (roles == null || roles.Contains(u.Role)) && u.UserName != except)
            .Select(u => u.Id).ToListAsync(ct);
        db.Notify(users, kind, message, atUtc);
    }

    /// <summary>
    /// Tells the named accounts (the inspector who raised an item, the user who issued a 督办). With <paramref name="withinPath"/>,
    /// only those whose scope still covers that unit: an account moved elsewhere since is not told of it.
    /// </summary>
    public static async Task NotifyUsersAsync(this EduGovDbContext db, IReadOnlyCollection<string> userNames, NotificationKind kind, Reminder message,
        DateTime atUtc, CancellationToken ct = default, string? withinPath = null, string? except = null)
    {
        var users = await (from u in db.Users
                           where userNames.Contains(u.UserName!) && u.UserName != except
                           from o in db.OrgUnits.Where(o => o.Id == u.OrgUnitId).DefaultIfEmpty()
                           select new { u.Id, u.Role, Path = o == null ? null : o.Path }).ToListAsync(ct);
        db.Notify(users.Where(u => withinPath is null || u.Role == Role.Admin || u.Path is not null && withinPath.StartsWith(u.Path)).Select(u => u.Id),
            kind, message, atUtc);
    }

    /// <summary>Tells every administrator.</summary>
    public static async Task NotifyAdministratorsAsync(this EduGovDbContext db, NotificationKind kind, Reminder message, DateTime atUtc, CancellationToken ct = default)
    {
        var admins = await db.Users.Where(u => u.Role == Role.Admin).Select(u => u.Id).ToListAsync(ct);
        db.Notify(admins, kind, message, atUtc);
    }

    public static void Notify(this EduGovDbContext db, IEnumerable<string> userIds, NotificationKind kind, Reminder message, DateTime atUtc)
    {
        foreach (var userId in userIds.Distinct())
            db.Notifications.Add(Notification.Send(userId, message, atUtc, kind));
    }

    /// <summary>A comment, requirement or reason quoted in a message, kept short.</summary>
    public static string Quote(string? text, int max = 60)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length > max ? line[..max] + "…" : line;
    }
}

/// <summary>How messages name the people and units in them.</summary>
public static class Who
{
    /// <summary>The display name of an account ("渝中区教委"), or its user name when it has none.</summary>
    public static async Task<string> NameAsync(this EduGovDbContext db, string userName, CancellationToken ct = default) =>
        await db.Users.Where(u => u.UserName == userName).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) is { Length: > 0 } name ? name : userName;

    /// <summary>
    /// Each of the user names as the portal shows a person (<see cref="PersonName"/>): display name and unit, "市级督学（重庆市）";
    /// a name that is no account (an inspector typed in, a system step) stays as it is.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> PeopleAsync(this EduGovDbContext db, IEnumerable<string?> userNames, CancellationToken ct = default)
    {
        var names = userNames.OfType<string>().Distinct().ToList();
        if (names.Count == 0) return new Dictionary<string, string>();
        var found = await (from u in db.Users
                           where names.Contains(u.UserName!)
                           join o in db.OrgUnits on u.OrgUnitId equals o.Id into units
                           from o in units.DefaultIfEmpty()
                           select new { u.UserName, u.DisplayName, Unit = o == null ? null : o.Name }).ToListAsync(ct);
        var people = found.ToDictionary(p => p.UserName!, p => PersonName.Of(p.UserName!, p.DisplayName, p.Unit));
        foreach (var name in names) people.TryAdd(name, name);
        return people;
    }

    /// <summary>The person behind a user name, from <see cref="PeopleAsync"/>'s answer.</summary>
    public static string Person(this IReadOnlyDictionary<string, string> people, string? userName) =>
        userName is null ? "" : people.GetValueOrDefault(userName, userName);
}

/// <summary>A person as others see them: the display name, and the unit they work in when the name does not already say it.</summary>
