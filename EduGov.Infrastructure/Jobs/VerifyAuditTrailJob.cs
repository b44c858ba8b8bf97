using EduGov.Infrastructure.Audit;
using EduGov.Infrastructure.Notifications;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Nightly: the whole audit chain checked; administrators are told at once of a break.</summary>
[DisallowConcurrentExecution]
public sealed class VerifyAuditTrailJob(AuditTrail trail, NotificationService notifications) : IJob
{
    public static readonly JobKey Key = new("verify-audit-trail", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var check = await trail.VerifyAsync(cancellationToken);
        if (!check.Intact) await notifications.TellAdministratorsAsync($"audit-chain:{check.BrokenAt}", "审计日志被改动", check.Summary, "/admin/audit", cancellationToken,
            Domain.Notifications.NotificationKind.AuditBroken);
        context.Result = check.Summary;
    }
}
