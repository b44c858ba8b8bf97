using EduGov.Domain.Organisation;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Notifications;

public sealed record DeliveryRow(long Id, DateTime CreatedAtUtc, string ChannelName, ChannelKind ChannelKind, NotificationKind Kind, string Title,
    string RecipientNames, string Recipient, DeliveryStatus Status, int Attempts, DateTime? LastAttemptAtUtc, DateTime? NextAttemptAtUtc,
    DateTime? SentAtUtc, string? LastError);

public sealed record DeliveryQuery(DeliveryStatus? Status = null, int? ChannelId = null, string? Search = null);

public sealed record DeliveryCounts(int Pending, int Sent, int Failed);

/// <summary>The delivery log of the outbound channels, for administrators: what went out, what waits, what failed and why.</summary>
public sealed class DeliveryService(IDbContextFactory<EduGovDbContext> factory, TimeProvider clock)
{
    public async Task<Paged<DeliveryRow>> ListAsync(AccessScope scope, DeliveryQuery query, int page = 0, int pageSize = 20, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        var rows = from d in db.NotificationDeliveries
                   join c in db.NotificationChannels on d.ChannelId equals c.Id
                   select new { d, c.Name, ChannelKind = c.Kind };
        if (query.Status is { } status) rows = rows.Where(r => r.d.Status == status);
        if (query.ChannelId is { } channel) rows = rows.Where(r => r.d.ChannelId == channel);
        if (query.Search?.Trim() is { Length: > 0 } term)
            rows = rows.Where(r => r.d.Title.Contains(term) || r.d.RecipientNames.Contains(term) || r.d.Recipient.Contains(term));
        var items = await rows.OrderByDescending(r => r.d.Id).Skip(page * pageSize).Take(pageSize)
            .Select(r => new DeliveryRow(r.d.Id, r.d.CreatedAtUtc, r.Name, r.ChannelKind, r.d.Kind, r.d.Title, r.d.RecipientNames, r.d.Recipient, r.d.Status,
                r.d.Attempts, r.d.LastAttemptAtUtc, r.d.NextAttemptAtUtc, r.d.SentAtUtc, r.d.LastError)).ToListAsync(ct);
        return new Paged<DeliveryRow>(items, await rows.CountAsync(ct));
    }

    public async Task<DeliveryCounts> CountsAsync(AccessScope scope, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        var counts = await db.NotificationDeliveries.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return new DeliveryCounts(counts.GetValueOrDefault(DeliveryStatus.Pending), counts.GetValueOrDefault(DeliveryStatus.Sent), counts.GetValueOrDefault(DeliveryStatus.Failed));
    }

    /// <summary>A failed delivery goes back into the outbox for a new round of attempts, from the job's next run.</summary>
    public async Task RetryAsync(AccessScope scope, long id, CancellationToken ct = default)
    {
        Require(scope);
        await using var db = await factory.OpenAsync(scope, ct);
        var delivery = await db.NotificationDeliveries.SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new NotFoundException("NotificationDelivery");
        delivery.RetryNow(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    private static void Require(AccessScope scope)
    {
        if (!scope.CanManageUsers) throw new ForbiddenException("read the delivery log");
    }
}
