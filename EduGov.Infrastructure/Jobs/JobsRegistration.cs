using Microsoft.Extensions.DependencyInjection;
using Quartz;


namespace EduGov.Infrastructure.Jobs;

public static class JobsRegistration
{
    /// <summary>
    /// Quartz in the web host with its job store in the portal's database (tables made by our migrations, checked by
    /// Quartz at start-up). SQLite runs one scheduler; SQL Server and PostgreSQL run clustered, so several web instances share the
    /// schedule and each firing runs once. A schedule changed on the 任务调度 page survives restarts (the configured
    /// one only seeds a new database).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, EduGovOptions options, string connectionString)
    {
        var schedules = options.Jobs;
        services.AddSingleton<JobRunRecorder>();
        services.Configure<QuartzOptions>(quartz => quartz.Scheduling.IgnoreDuplicates = true);
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = schedules.SchedulerName;
                if (schedules.InstanceId != "AUTO") scheduler.InstanceId = schedules.InstanceId;
            });
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = QuartzSchema.Prefix;
                    o.StoreJobDataAsStrings = true;
                    o.MisfireThreshold = schedules.MisfireThreshold;
                });
                switch (options.DatabaseProvider)
                {
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(connectionString);
                        store.UseClustering(Cluster);
                        break;
                    case DatabaseProvider.PostgreSql:
                        store.UsePostgres(connectionString);
                        store.UseClustering(Cluster);
                        break;
                    default:
                        store.UseSqlite(connectionString);
                        break;
                }
            });
            foreach (var job in JobCatalog.All)
            {
                job.Register(quartz);
                quartz.AddTrigger(t => t.ForJob(job.Key).WithIdentity(job.TriggerKey)
                    .WithCronSchedule(job.Cron(schedules), c => c.InTimeZone(TimeZoneInfo.Local).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            }
            quartz.AddJobListener<JobRunRecorder>(GroupMatcher<JobKey>.GroupEquals(JobCatalog.Group));
            quartz.AddSchedulerListener<JobRunRecorder>();
        });
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        return services;

        void Cluster(ClusteringOptions cluster) =>
            (cluster.CheckinInterval, cluster.CheckinMisfireThreshold) = (schedules.ClusterCheckinInterval, schedules.ClusterCheckinInterval);
    }
}
