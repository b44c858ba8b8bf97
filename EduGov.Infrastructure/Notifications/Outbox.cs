using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// Which outbound channels a notification goes to, decided when it is made (so a later change of preference or channel
/// does not touch what is already queued):
/// <list type="bullet">
/// <item>only if its user wants the kind outward (<see cref="NotificationPreference.WantsOutbound"/>);</item>
/// <item>group robots: the enabled robots of the user's own unit; a unit with none uses the nearest unit above whose robot
/// also covers the units below (<see cref="NotificationChannel.CoversSubunits"/>); a robot of no unit is the
/// administrators' group (and, covering units below, the last resort of everyone). One post per event and robot,
/// naming every user of the group it tells;</item>
/// <item>e-mail: to the user's own address, through the nearest enabled SMTP channel of the user's unit, the units above
/// it, or of no unit.</item>
/// </list>
/// </summary>
internal static class Outbox
{
    public static async Task QueueAsync(EduGovDbContext db, IReadOnlyList<Notification> notifications, DateTime nowUtc, CancellationToken ct)
    {
        var channels = await RoutesAsync(db, ct).ConfigureAwait(false);
        if (channels.Count == 0) return;

        var userIds = notifications.Select(n => n.UserId).Distinct().ToList();
        var chosen = (await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).ToListAsync(ct).ConfigureAwait(false))
            .ToLookup(p => p.UserId);
        var outward = notifications.Where(n => NotificationPreference.WantsOutbound(n.Kind, chosen[n.UserId].ToDictionary(p => p.Kind, p => p.Outbound))).ToList();
        if (outward.Count == 0) return;

        var ids = outward.Select(n => n.UserId).Distinct().ToList();
        var users = await (from u in db.Users
                           where ids.Contains(u.Id)
                           from o in db.OrgUnits.Where(o => o.Id == u.OrgUnitId).DefaultIfEmpty()
                           select new Recipient(u.Id, u.DisplayName, u.Email, o == null ? null : o.Path)).ToDictionaryAsync(u => u.Id, ct).ConfigureAwait(false);
        var paths = users.Values.Where(u => u.Path is not null).SelectMany(u => OrgUnit.LineageOf(u.Path!)).Distinct().ToList();
        var unitIds = await db.OrgUnits.Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Id, ct).ConfigureAwait(false);

        var subjects = outward.Select(n => n.Subject).Distinct().ToList();
        var queued = await db.NotificationDeliveries.Where(d => subjects.Contains(d.Subject)).ToListAsync(ct).ConfigureAwait(false);
        var deliveries = queued.ToDictionary(d => (d.ChannelId, d.Subject, d.Recipient));
        foreach (var local in db.ChangeTracker.Entries<NotificationDelivery>().Where(e => e.State == EntityState.Added))
            deliveries.TryAdd((local.Entity.ChannelId, local.Entity.Subject, local.Entity.Recipient), local.Entity);

        foreach (var notification in outward)
        {
            if (!users.TryGetValue(notification.UserId, out var user)) continue;
            // The user's unit first, then each unit above it, then no unit at all.
            var lineage = new List<int?>();
            if (user.Path is not null)
                foreach (var path in OrgUnit.LineageOf(user.Path).Reverse())
                    if (unitIds.TryGetValue(path, out var unitId)) lineage.Add(unitId);
            lineage.Add(null);

            var (robots, mail) = Pick(channels, lineage);
            foreach (var robot in robots) Add(robot.Id, "");
            if (user.Email is { Length: > 0 } email && mail is not null) Add(mail.Id, email);

            void Add(int channelId, string recipient)
            {
                if (deliveries.TryGetValue((channelId, notification.Subject, recipient), out var delivery))
                {
                    delivery.AddRecipientName(user.DisplayName);
                    return;
                }
                delivery = NotificationDelivery.Queue(channelId, notification, recipient, user.DisplayName, nowUtc);
                db.NotificationDeliveries.Add(delivery);
                deliveries[(channelId, notification.Subject, recipient)] = delivery;
            }
        }
    }

    /// <summary>
    /// The robots and the mail server for a user whose units are <paramref name="lineage"/> (own unit first, then each above
    /// it, then null for no unit).
    /// </summary>
    public static (IReadOnlyList<Route> Robots, Route? Mail) Pick(IReadOnlyList<Route> channels, IReadOnlyList<int?> lineage)
    {
        var robots = lineage.Select((unit, i) => channels.Where(c => c.IsWebhook && c.OrgUnitId == unit && (i == 0 || c.CoversSubunits)).OrderBy(c => c.Id).ToList())
            .FirstOrDefault(level => level.Count > 0) ?? [];
        var mail = lineage.Select(unit => channels.Where(c => c.Kind == ChannelKind.Email && c.OrgUnitId == unit).OrderBy(c => c.Id).FirstOrDefault())
            .FirstOrDefault(c => c is not null);
        return (robots, mail);
    }

    /// <summary>The units a user's messages may go through: own unit first, each unit above it, then none (null).</summary>
    public static async Task<List<int?>> LineageAsync(EduGovDbContext db, string? path, CancellationToken ct)
    {
        if (path is null) return [null];
        var paths = OrgUnit.LineageOf(path).ToList();
        var ids = await db.OrgUnits.Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Id, ct).ConfigureAwait(false);
        var lineage = paths.AsEnumerable().Reverse().Where(ids.ContainsKey).Select(p => (int?)ids[p]).ToList();
        lineage.Add(null);
        return lineage;
    }

    public static Task<List<Route>> RoutesAsync(EduGovDbContext db, CancellationToken ct) =>
        db.NotificationChannels.AsNoTracking().Where(c => c.Enabled).Select(c => new Route(c.Id, c.Name, c.Kind, c.OrgUnitId, c.CoversSubunits)).ToListAsync(ct);

    public sealed record Route(int Id, string Name, ChannelKind Kind, int? OrgUnitId, bool CoversSubunits)
    {
        public bool IsWebhook => Kind is ChannelKind.WeCom or ChannelKind.DingTalk;
    }

    private sealed record Recipient(string Id, string DisplayName, string? Email, string? Path);
}
