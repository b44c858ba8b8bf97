using Quartz;

namespace EduGov.Infrastructure.Jobs;

/// <summary>A job of the portal and the configured schedule it starts with; its trigger has the job's name.</summary>
public sealed record ScheduledJob(JobKey Key, Func<JobSchedules, string> Cron, Action<IQuartzBuilder> Register)
{
    public TriggerKey TriggerKey => new(Key.Name, Key.Group);

    /// <summary>
    /// Every job asks for recovery: a run cut short because its instance died runs again on another instance of the
    /// cluster. The jobs are made to be run again (a failed run is retried the same way), so a second start is safe.
    /// </summary>
    public static ScheduledJob Of<TJob>(JobKey key, Func<JobSchedules, string> cron) where TJob : class, IJob =>
        new(key, cron, quartz => quartz.AddJob<TJob>(job => job.WithIdentity(key).StoreDurably().RequestRecovery()));
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
        ScheduledJob.Of<DeliverNotificationsJob>(DeliverNotificationsJob.Key, s => s.DeliverNotifications),
        ScheduledJob.Of<MakeBackupJob>(MakeBackupJob.Key, s => s.MakeBackup),
    ];

    public static ScheduledJob? Find(string name) => All.FirstOrDefault(j => j.Key.Name == name);

    /// <summary>A job's name as messages to administrators give it (the pages take theirs from the resources).</summary>
    public static string Title(string name) => name switch
    {
        "make-supervision-reports" => "督导报告（全部区县）",
        "make-white-papers" => "年度白皮书",
        "recount-indicators" => "指标重算",
        "send-reminders" => "每日提醒",
        "verify-audit-trail" => "审计链核验",
        "deliver-notifications" => "外发消息投递",
        "make-backup" => "数据备份",
        _ => name,
    };

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
