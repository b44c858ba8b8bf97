using EduGov.Domain.Jobs;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Notifications;
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
    EduGovMetrics metrics, ILogger<JobRunRecorder> logger) : IJobListener, ISchedulerListener
{
    public string Name => nameof(JobRunRecorder);

    // The scheduled runs of RecordOnlyWhenBusy jobs under way, kept until they end (they run where they were fired).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JobRun> _pending = new();

    private JobSchedules Schedules => options.Value.Jobs;

    public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var cause = context.Recovering ? RunCause.Recovery
            : Enum.TryParse<RunCause>(data.GetString(JobCatalog.Data.Cause), out var c) ? c : RunCause.Scheduled;
        var attempt = int.TryParse(data.GetString(JobCatalog.Data.Attempt), out var a) ? a : 1;
        // Which instance ran it matters only in a cluster; a single scheduler's id is a constant.
        var node = (await context.Scheduler.GetMetadata(cancellationToken)).JobStoreClustered ? context.Scheduler.SchedulerInstanceId : null;
        var run = JobRun.Start(context.JobDetail.Key.Name, context.FireInstanceId, cause, attempt, context.StartedBy(),
            (context.ScheduledFireTimeUtc ?? context.FireTimeUtc).UtcDateTime, context.FireTimeUtc.UtcDateTime, Schedules.MisfireThreshold, node);
        // A frequent job's scheduled run is recorded at its end, and only if it did something or failed.
        if (cause != RunCause.Manual && context.JobDetail.JobType.Type.IsDefined(typeof(RecordOnlyWhenBusyAttribute), inherit: false))
        {
            _pending[context.FireInstanceId] = run;
            return;
        }
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Actor = JobCatalog.Scheduler;
        if (context.Recovering)
            await CloseInterruptedRunsAsync(db, run.Job, cut => $"运行中断：运行它的实例 {cut.Node} 停止，已由实例 {node} 接续运行。", cancellationToken);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
    }

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
    {
        metrics.JobRan(context.JobDetail.Key.Name, jobException is null, context.JobRunTime);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.Actor = JobCatalog.Scheduler;
            JobRun run;
            if (_pending.TryRemove(context.FireInstanceId, out var pending))
            {
                if (jobException is null && context.Result is IdleRun) return;
                db.JobRuns.Add(run = pending);
            }
            else run = await db.JobRuns.SingleAsync(r => r.FireId == context.FireInstanceId, cancellationToken);
            if (jobException is null)
                run.Succeed(context.JobRunTime, context.Result as string ?? (context.Result as IdleRun)?.Summary);
            else
            {
                var retryAt = await ScheduleRetryAsync(context, run, cancellationToken);
                run.Fail(context.JobRunTime, jobException.GetBaseException().Message, retryAt);
                await TellAdministratorsAsync(db, run, retryAt, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not record the end of run {FireId} of {Job}", context.FireInstanceId, context.JobDetail.Key);
        }
    }

    /// <summary>
    /// A failed run tells every administrator, in the save that records it. While an administrator has not read the
    /// message of a job's earlier failure, that message is brought up to date instead of another added (a job failing
    /// every minute makes one message, not one a minute).
    /// </summary>
    private async Task TellAdministratorsAsync(EduGovDbContext db, JobRun run, DateTime? retryAt, CancellationToken ct)
    {
        var title = $"计划任务“{JobCatalog.Title(run.Job)}”运行失败";
        var when = TimeZoneInfo.ConvertTimeFromUtc(run.StartedAtUtc, clock.LocalTimeZone);
        var next = retryAt is { } at ? $"将于 {TimeZoneInfo.ConvertTimeFromUtc(at, clock.LocalTimeZone):HH:mm} 第 {run.Attempt + 1} 次尝试。" : "已不再重试，请检查后手动运行。";
        var body = $"{when:yyyy-MM-dd HH:mm} 由{run.StartedBy}启动的运行（第 {run.Attempt} 次）失败：{Notifications.Notifier.Quote(run.Error, 300)}。{next}";
        var prefix = $"job:{run.Job}:failed:";
        var admins = await db.Users.Where(u => u.Role == Role.Admin).Select(u => u.Id).ToListAsync(ct);
        var unread = await db.Notifications.Where(n => admins.Contains(n.UserId) && n.Subject.StartsWith(prefix) && n.ReadAtUtc == null)
            .ToListAsync(ct);
        var message = new Reminder(0, prefix + run.FireId, title, body, "/jobs");
        foreach (var notification in unread) notification.Refresh(message);
        db.Notify(admins.Except(unread.Select(n => n.UserId)), NotificationKind.JobFailed, message, clock.GetUtcNow().UtcDateTime);
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

    /// <summary>Runs left open when the portal stopped while they ran are closed as failed, so the page does not show them running for ever.</summary>
    public async ValueTask SchedulerStarted(IScheduler scheduler, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.Actor = JobCatalog.Scheduler;
        await CloseInterruptedRunsAsync(db, job: null, _ => "运行中断：门户在任务运行时停止，未完成。", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A run still open when its firing is no longer in Quartz's fired triggers was cut short: its instance stopped (and
    /// in a cluster, another instance took the firing over). Runs under way on live instances keep their firings, and their rows.
    /// </summary>
    private async Task CloseInterruptedRunsAsync(EduGovDbContext db, string? job, Func<JobRun, string> reason, CancellationToken ct)
    {
        // Read in this order because Quartz records a firing before its run starts and removes it after the run's end is
        // saved: a run open before the firings were read and missing from them was cut short, while one that started or
        // ended in between is left alone.
        var open = await db.JobRuns.Where(r => r.Outcome == RunOutcome.Running && (job == null || r.Job == job)).Select(r => r.Id).ToListAsync(ct);
        if (open.Count == 0) return;
        // The alias quoted: PostgreSQL folds an unquoted one to "value", and EF reads the column "Value".
        var firing = await db.Database.SqlQueryRaw<string>($"SELECT ENTRY_ID AS \"Value\" FROM {QuartzSchema.Prefix}FIRED_TRIGGERS").ToListAsync(ct);
        var interrupted = await db.JobRuns.Where(r => open.Contains(r.Id) && r.Outcome == RunOutcome.Running && !firing.Contains(r.FireId))
            .ToListAsync(ct);
        foreach (var run in interrupted)
            run.Fail(clock.GetUtcNow().UtcDateTime - run.StartedAtUtc, reason(run), retryAtUtc: null);
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) =>
        ValueTask.CompletedTask;
}

/// <summary>
/// A job that runs often (every minute) and mostly finds nothing to do: its scheduled runs are kept in the history only
/// when they did something or failed, so the history and the audit trail are not a row a minute. Runs started by a person
/// are always kept.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RecordOnlyWhenBusyAttribute : Attribute;

/// <summary>The result of a <see cref="RecordOnlyWhenBusyAttribute"/> job's run that found nothing to do.</summary>
public sealed record IdleRun(string Summary);
