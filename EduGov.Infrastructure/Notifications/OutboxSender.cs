using EduGov.Domain.Audit;
using EduGov.Domain.Notifications;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EduGov.Infrastructure.Notifications;

/// <summary>
/// Sends the outbox: every delivery that is due, oldest first, each result saved as soon as it is known (a delivery
/// sent is never sent again). A failed attempt waits longer each time (<see cref="DeliveryRetry"/>); once a channel fails
/// in a run, its other deliveries wait for the next run rather than each waiting out the same timeout. Deliveries of a
/// disabled channel wait until it is enabled again.
/// </summary>
public sealed class OutboxSender(IDbContextFactory<EduGovDbContext> factory, ChannelSender sender, IOptions<EduGovOptions> options,
    ILogger<OutboxSender> logger)
{
    public sealed record Result(int Sent, int Failed, int GaveUp, int Waiting)
    {
        public override string ToString() => Sent + Failed + GaveUp == 0
            ? "没有到期的外发消息"
            : $"发送成功 {Sent} 条，失败待重试 {Failed} 条，放弃 {GaveUp} 条" + (Waiting > 0 ? $"，{Waiting} 条因通道故障顺延" : "");
    }

    public async Task<Result> SendDueAsync(DateTime nowUtc, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Actor = JobCatalog.Scheduler;
        db.AuditRows = false;
        var settings = options.Value.Notifications;
        var due = await (from d in db.NotificationDeliveries
                         join c in db.NotificationChannels on d.ChannelId equals c.Id
                         where d.Status == DeliveryStatus.Pending && d.NextAttemptAtUtc <= nowUtc && c.Enabled
                         orderby d.NextAttemptAtUtc, d.Id
                         select d).Take(settings.BatchSize).ToListAsync(ct);
        if (due.Count == 0) return new Result(0, 0, 0, 0);
        var channelIds = due.Select(d => d.ChannelId).Distinct().ToList();
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        int sent = 0, failed = 0, gaveUp = 0, waiting = 0;
        var down = new HashSet<int>();
        foreach (var delivery in due)
        {
            if (down.Contains(delivery.ChannelId))
            {
                waiting++;
                continue;
            }
            var channel = channels[delivery.ChannelId];
            try
            {
                await sender.SendAsync(channel, sender.MessageOf(delivery.Title, delivery.Body, delivery.Link), delivery.Recipient, ct);
                delivery.Delivered(nowUtc);
                sent++;
            }
            catch (DeliveryException e)
            {
                logger.LogWarning("Delivery {Delivery} through channel {Channel} failed: {Error}", delivery.Id, channel.Name, e.Message);
                delivery.AttemptFailed(e.Message, nowUtc, settings.Retry);
                if (delivery.Status == DeliveryStatus.Failed) gaveUp++;
                else failed++;
                down.Add(delivery.ChannelId);
            }
            await db.SaveChangesAsync(ct);
        }
        var result = new Result(sent, failed, gaveUp, waiting);
        db.Audit(new AuditEntry(nowUtc, JobCatalog.Scheduler, "Deliver", nameof(NotificationDelivery), null, result.ToString()));
        await db.SaveChangesAsync(ct);
        return result;
    }
}
