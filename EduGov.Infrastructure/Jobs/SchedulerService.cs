using EduGov.Domain.Audit;
using EduGov.Domain.Common;
using EduGov.Domain.Jobs;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using RetryPolicy = EduGov.Domain.Jobs.RetryPolicy;

namespace EduGov.Infrastructure.Jobs;

public sealed record JobRunRow(int Id, RunCause Cause, int Attempt, string StartedBy, DateTime DueAtUtc, DateTime StartedAtUtc, RunOutcome Outcome,
    long? DurationMs, string? Summary, string? Error, DateTime? RetryAtUtc, string? Node);

/// <summary>A job as the 任务调度 page shows it: its schedule and state, when it runs next and ran last, and its last run.</summary>
public sealed record JobStatus(string Name, string Cron, bool Paused, DateTime? NextFireUtc, DateTime? PreviousFireUtc, JobRunRow? LastRun,
    RetryPolicy Retry, TimeSpan MisfireThreshold);

/// <summary>
/// The 任务调度 page's service: the jobs' schedules, states and history, and what staff may do to them (change the
/// schedule, pause, resume, run now). Every change is in the audit trail. Admin and commission staff only.
/// </summary>
public sealed class SchedulerService(ISchedulerFactory schedulers, IDbContextFactory<EduGovDbContext> factory, IOptions<EduGovOptions> options,
    TimeProvider clock)
{
    private JobSchedules Schedules => options.Value.Jobs;

    public async Task<IReadOnlyList<JobStatus>> ListAsync(AccessScope scope, CancellationToken ct = default)
    {
        Authorise(scope);
        var scheduler = await schedulers.GetScheduler(ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var lastRuns = await LastRunsAsync(db, ct);
        var jobs = new List<JobStatus>();
        foreach (var job in JobCatalog.All)
        {
            var trigger = (ICronTrigger?)await scheduler.GetTrigger(job.TriggerKey, ct);
            var state = await scheduler.GetTriggerState(job.TriggerKey, ct);
            jobs.Add(new JobStatus(job.Key.Name, trigger?.CronExpressionString ?? job.Cron(Schedules), state == TriggerState.Paused,
                trigger?.NextFireTimeUtc?.UtcDateTime, trigger?.PreviousFireTimeUtc?.UtcDateTime,
                lastRuns.TryGetValue(job.Key.Name, out var last) ? Row(last) : null,
                new RetryPolicy(Schedules.MaxAttempts, Schedules.RetryDelay), Schedules.MisfireThreshold));
        }
        return jobs;
    }

    /// <summary>Each job's latest run, by job name.</summary>
    public static Task<Dictionary<string, JobRun>> LastRunsAsync(EduGovDbContext db, CancellationToken ct) =>
        db.JobRuns.AsNoTracking().GroupBy(r => r.Job).Select(g => g.OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).First())
            .ToDictionaryAsync(r => r.Job, ct);

    public async Task<Paged<JobRunRow>> HistoryAsync(AccessScope scope, string job, int page, int pageSize, CancellationToken ct = default)
    {
        Authorise(scope);
        await using var db = await factory.CreateDbContextAsync(ct);
        var runs = db.JobRuns.Where(r => r.Job == job).OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id);
        var items = await runs.Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<JobRunRow>(items.Select(Row).ToList(), await runs.CountAsync(ct));
    }

    /// <summary>A new schedule takes effect at once and is kept across restarts; a paused job stays paused.</summary>
    public async Task RescheduleAsync(AccessScope scope, string job, string cron, CancellationToken ct = default)
    {
        var found = Find(scope, job);
        cron = cron.Trim();
        if (!CronExpression.TryParse(cron, out _)) throw new DomainException(ErrorCodes.InvalidCron, cron);
        var scheduler = await schedulers.GetScheduler(ct);
        var paused = await scheduler.GetTriggerState(found.TriggerKey, ct) == TriggerState.Paused;
        await scheduler.RescheduleJob(found.TriggerKey, CronTrigger(found, cron, clock.LocalTimeZone), ct);
        if (paused) await scheduler.PauseTrigger(found.TriggerKey, ct);
        await AuditAsync(scope, "Reschedule", job, cron, ct);
    }

    public async Task PauseAsync(AccessScope scope, string job, CancellationToken ct = default)
    {
        var found = Find(scope, job);
        await (await schedulers.GetScheduler(ct)).PauseJob(found.Key, ct);
        await AuditAsync(scope, "Pause", job, null, ct);
    }

    public async Task ResumeAsync(AccessScope scope, string job, CancellationToken ct = default)
    {
        var found = Find(scope, job);
        await (await schedulers.GetScheduler(ct)).ResumeJob(found.Key, ct);
        await AuditAsync(scope, "Resume", job, null, ct);
    }

    /// <summary>Starts a run now (any node of a cluster may take it); it is recorded as started by the user.</summary>
    public async Task RunNowAsync(AccessScope scope, string job, CancellationToken ct = default)
    {
        var found = Find(scope, job);
        var data = new JobDataMap { [JobCatalog.Data.Cause] = nameof(RunCause.Manual), [JobCatalog.Data.StartedBy] = scope.UserName };
        await (await schedulers.GetScheduler(ct)).TriggerJob(found.Key, data, ct);
        await AuditAsync(scope, "RunNow", job, null, ct);
    }

    /// <summary>The next firing times of a schedule, for the page to show before it is saved; empty when the expression is not valid.</summary>
    public IReadOnlyList<DateTime> NextFireTimes(string cron, int count)
    {
        if (!CronExpression.TryParse(cron.Trim(), out _)) return [];
        var expression = new CronExpression(cron.Trim(), clock.LocalTimeZone);
        var times = new List<DateTime>();
        for (var after = clock.GetUtcNow(); times.Count < count && expression.GetNextValidTimeAfter(after) is { } next; after = next)
            times.Add(next.UtcDateTime);
        return times;
    }

    /// <summary>The trigger of a job's schedule; a firing missed while the portal was down runs once on return, never silently dropped.</summary>
    private static ITrigger CronTrigger(ScheduledJob job, string cron, TimeZoneInfo zone) => TriggerBuilder.Create()
        .ForJob(job.Key)
        .WithIdentity(job.TriggerKey)
        .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
        .Build();

    private static ScheduledJob Find(AccessScope scope, string job)
    {
        Authorise(scope);
        return JobCatalog.Find(job) ?? throw new NotFoundException("Job");
    }

    private static void Authorise(AccessScope scope)
    {
        if (!scope.CanManageJobs) throw new ForbiddenException("jobs");
    }

    private async Task AuditAsync(AccessScope scope, string action, string job, string? detail, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Audit(new AuditEntry(clock.GetUtcNow().UtcDateTime, scope.UserName, action, "Job", null, detail is null ? job : $"{job}: {detail}"));
        await db.SaveChangesAsync(ct);
    }

    private static JobRunRow Row(JobRun r) =>
        new(r.Id, r.Cause, r.Attempt, r.StartedBy, r.DueAtUtc, r.StartedAtUtc, r.Outcome, r.DurationMs, r.Summary, r.Error, r.RetryAtUtc, r.Node);
}
