using EduGov.Infrastructure.Supervision;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Quarterly: every district's 督导报告 for the year of the quarter just ended (on 1 January, the year before).</summary>
[DisallowConcurrentExecution]
public sealed class MakeSupervisionReportsJob(ScheduledDocuments documents, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("make-supervision-reports", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await documents.SupervisionReportsAsync(context.DueDate(clock).AddDays(-1).Year, context.StartedBy(), cancellationToken);
}
