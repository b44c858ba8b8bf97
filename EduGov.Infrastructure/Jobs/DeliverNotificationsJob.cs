using EduGov.Infrastructure.Notifications;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Every minute: the outbox of the outbound channels (企业微信, 钉钉, e-mail) sent, failed attempts retried with backoff.</summary>
[DisallowConcurrentExecution, RecordOnlyWhenBusy]
public sealed class DeliverNotificationsJob(OutboxSender outbox, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("deliver-notifications", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await outbox.SendDueAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);
        context.Result = result.Sent + result.Failed + result.GaveUp == 0 ? new IdleRun(result.ToString()) : result.ToString();
    }
}
