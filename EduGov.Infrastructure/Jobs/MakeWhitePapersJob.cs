using EduGov.Infrastructure.Supervision;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Yearly: every city's 白皮书 of the previous year.</summary>
[DisallowConcurrentExecution]
public sealed class MakeWhitePapersJob(ScheduledDocuments documents, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("make-white-papers", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await documents.WhitePapersAsync(context.DueDate(clock).Year - 1, context.StartedBy(), cancellationToken);
}
