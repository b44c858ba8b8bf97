using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>A job of the portal and the configured schedule it starts with; its trigger has the job's name.</summary>
public sealed record ScheduledJob(JobKey Key, Func<JobSchedules, string> Cron, Action<IQuartzBuilder> Register)
{
    public TriggerKey TriggerKey => new(Key.Name, Key.Group);

    public static ScheduledJob Of<TJob>(JobKey key, Func<JobSchedules, string> cron) where TJob : class, IJob =>
        new(key, cron, quartz => quartz.AddJob<TJob>(job => job.WithIdentity(key).StoreDurably()));
}

/// <summary>Every scheduled job, in the order the 任务调度 page lists them.</summary>
public static class JobCatalog
{
    public const string Group = "edugov";

    public static readonly IReadOnlyList<ScheduledJob> All =
    [
        ScheduledJob.Of<MakeSupervisionReportsJob>(MakeSupervisionReportsJob.Key, s => s.MakeSupervisionReports),
        ScheduledJob.Of<MakeWhitePapersJob>(MakeWhitePapersJob.Key, s => s.MakeWhitePapers),
        ScheduledJob.Of<RecountIndicatorsJob>(RecountIndicatorsJob.Key, s => s.RecountIndicators),
        ScheduledJob.Of<SendRemindersJob>(SendRemindersJob.Key, s => s.SendReminders),
        ScheduledJob.Of<EscalateUrgingsJob>(EscalateUrgingsJob.Key, s => s.EscalateUrgings),
        ScheduledJob.Of<VerifyAuditTrailJob>(VerifyAuditTrailJob.Key, s => s.VerifyAuditTrail),
    ];

    public static ScheduledJob? Find(string name) => All.FirstOrDefault(j => j.Key.Name == name);

    /// <summary>What a run was asked to do, carried in the data of the trigger that fired it.</summary>
    public static class Data
    {
        public const string Cause = "cause";
        public const string Attempt = "attempt";
        public const string StartedBy = "by";
    }

    /// <summary>Who or what started the run, as documents record it: the scheduler, or the person who pressed 立即运行.</summary>
    public static string StartedBy(this IJobExecutionContext context) =>
        context.MergedJobDataMap.GetString(Data.StartedBy) is { Length: > 0 } by ? by : Scheduler;

    public const string Scheduler = "计划任务";

    /// <summary>The local date the run stands for: the day it was due, not the day a late run happened to start.</summary>
    public static DateOnly DueDate(this IJobExecutionContext context, TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, clock.LocalTimeZone).DateTime);
}
