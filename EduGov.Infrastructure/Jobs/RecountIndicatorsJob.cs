using EduGov.Infrastructure.Planning;
using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>Nightly: every computed indicator recounted from its base data.</summary>
[DisallowConcurrentExecution]
public sealed class RecountIndicatorsJob(ComputedIndicators indicators) : IJob
{
    public static readonly JobKey Key = new("recount-indicators", JobCatalog.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await indicators.RecountAllAsync(cancellationToken);
        context.Result = "已重算全部计算型指标";
    }
}
