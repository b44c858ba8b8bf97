using EduGov.Domain.Jobs;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using RetryPolicy = EduGov.Domain.Jobs.RetryPolicy;

namespace EduGov.Infrastructure.Jobs;

/// <summary>
/// Keeps every run of the portal's jobs in JobRuns (start, end, outcome, what it made or why it failed) and, when a
/// run fails, schedules the next attempt per the retry policy. Runs wherever the firing runs, so in a cluster each
/// firing is recorded once.
/// </summary>
public sealed class JobRunRecorder(IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options, TimeProvider clock,
    ILogger<JobRunRecorder> logger) : IJobListener, ISchedulerListener
{
    public string Name => nameof(JobRunRecorder);

    private JobSchedules Schedules => options.Value.Jobs;

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var cause = Enum.TryParse<RunCause>(data.GetString(JobCatalog.Data.Cause), out var c) ? c : RunCause.Scheduled;
        var attempt = int.TryParse(data.GetString(JobCatalog.Data.Attempt), out var a) ? a : 1;
        var run = JobRun.Start(context.JobDetail.Key.Name, context.FireInstanceId, cause, attempt, context.StartedBy(),
            (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime, context.FireTimeUtc.UtcDateTime, Schedules.MisfireThreshold);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Actor = JobCatalog.Scheduler;
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.Actor = JobCatalog.Scheduler;
            var run = await db.JobRuns.SingleAsync(r => r.FireId == context.FireInstanceId, cancellationToken);
            if (jobException is null)
                run.Succeed(context.JobRunTime, context.Result as string);
            else
                run.Fail(context.JobRunTime, jobException.GetBaseException().Message, await ScheduleRetryAsync(context, run, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record the end of run {FireId} of {Job}", context.FireInstanceId, context.JobDetail.Key);
        }
    }

    private async Task<DateTime?> ScheduleRetryAsync(IJobExecutionContext context, JobRun run, CancellationToken ct)
    {
        var policy = new RetryPolicy(Schedules.MaxAttempts, Schedules.RetryDelay);
        if (policy.NextAttemptAt(run.Attempt, clock.GetUtcNow().UtcDateTime) is not { } retryAt) return null;
        var retry = TriggerBuilder.Create()
            .ForJob(context.JobDetail.Key)
            .WithIdentity($"{context.JobDetail.Key.Name}-retry-{Guid.NewGuid():N}", JobCatalog.Group)
            .UsingJobData(JobCatalog.Data.Cause, nameof(RunCause.Retry))
            .UsingJobData(JobCatalog.Data.Attempt, (run.Attempt + 1).ToString())
            .UsingJobData(JobCatalog.Data.StartedBy, run.StartedBy)
            .StartAt(new DateTimeOffset(retryAt, TimeSpan.Zero))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), ct);
        return retryAt;
    }

    /// <summary>
    /// A run still open when its firing is no longer in Quartz's fired triggers was cut short (the portal stopped while it
    /// ran): it is closed as failed, so the page does not show it running for ever. Other nodes' runs keep their rows.
    /// </summary>
    public async ValueTask SchedulerStarted(IScheduler scheduler, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Actor = JobCatalog.Scheduler;
        var firing = await db.Database.SqlQueryRaw<string>($"SELECT ENTRY_ID AS Value FROM {QuartzSchema.Prefix}FIRED_TRIGGERS").ToListAsync(cancellationToken);
        var interrupted = await db.JobRuns.Where(r => r.Outcome == RunOutcome.Running && !firing.Contains(r.FireId)).ToListAsync(cancellationToken);
        foreach (var run in interrupted)
            run.Fail(clock.GetUtcNow().UtcDateTime - run.StartedAtUtc, "运行中断：门户在任务运行时停止，未完成。", retryAtUtc: null);
        await db.SaveChangesAsync(cancellationToken);
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}
