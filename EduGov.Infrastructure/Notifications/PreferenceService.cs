using EduGov.Domain.Organisation;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

public sealed record KindChoice(NotificationKind Kind, KindGroup Group, bool Outbound, bool Default);

/// <summary>
/// A user's notification settings: per kind in-app only or also outward, the user's e-mail address, and which channels
/// messages sent outward would take now.
/// </summary>
public sealed record PreferencesView(IReadOnlyList<KindChoice> Kinds, string? Email, IReadOnlyList<string> Robots, string? MailChannel);

/// <summary>Each user's own notification settings: nobody reads or changes another's.</summary>
public sealed class PreferenceService(IDbContextFactory<EduGovDbContext> factory)
{
    public async Task<PreferencesView> GetAsync(AccessScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var user = await db.Users.Where(u => u.UserName == scope.UserName).Select(u => new { u.Id, u.Email }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("User");
        var chosen = await db.NotificationPreferences.Where(p => p.UserId == user.Id).ToDictionaryAsync(p => p.Kind, p => p.Outbound, ct);
        var kinds = NotificationKinds.For(scope.Role).Select(k => new KindChoice(k, NotificationKinds.GroupOf(k),
            NotificationPreference.WantsOutbound(k, chosen), NotificationKinds.OutboundByDefault(k))).ToList();
        var (robots, mail) = Outbox.Pick(await Outbox.RoutesAsync(db, ct), await Outbox.LineageAsync(db, scope.OrgPath, ct));
        return new PreferencesView(kinds, user.Email, robots.Select(r => r.Name).ToList(), mail?.Name);
    }

    /// <summary>Keeps the choices (only those that differ from the default need a row) and the user's e-mail address.</summary>
    public async Task SaveAsync(AccessScope scope, IReadOnlyDictionary<NotificationKind, bool> outbound, string? email, CancellationToken ct = default)
    {
        await using var db = await factory.OpenAsync(scope, ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == scope.UserName, ct) ?? throw new NotFoundException("User");
        var address = EmailAddress.Optional(email, "Email");
        if (user.Email != address) (user.Email, user.NormalizedEmail) = (address, address?.ToUpperInvariant());
        var rows = await db.NotificationPreferences.Where(p => p.UserId == user.Id).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var (kind, wanted) in outbound)
        {
            if (!Enum.IsDefined(kind)) continue;
            var isDefault = wanted == NotificationKinds.OutboundByDefault(kind);
            if (rows.TryGetValue(kind, out var row))
            {
                if (isDefault) db.NotificationPreferences.Remove(row);
                else row.Change(wanted);
            }
            else if (!isDefault) db.NotificationPreferences.Add(NotificationPreference.Choose(user.Id, kind, wanted));
        }
        await db.SaveChangesAsync(ct);
    }
}
