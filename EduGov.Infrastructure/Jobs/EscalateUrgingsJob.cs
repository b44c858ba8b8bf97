using EduGov.Infrastructure.Urging;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Daily: unanswered 督办 past their deadline marked 逾期 (target and issuer told), and gone up to the superior once they are long overdue.</summary>
[DisallowConcurrentExecution]
public sealed class EscalateUrgingsJob(UrgingService urgings, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("escalate-urgings", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await urgings.SweepAsync(context.DueDate(clock), context.StartedBy(), cancellationToken);
}
