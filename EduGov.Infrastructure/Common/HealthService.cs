using EduGov.Domain.Jobs;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace EduGov.Infrastructure.Common;

public sealed record HealthReport(bool Healthy, string Database, string Scheduler, int PendingMigrations, string Audit, DiskSpace Disk,
    IReadOnlyList<LastJobRun> Jobs);

/// <summary>Free space on the disk of the files folder; <see cref="Status"/> is "ok", "low" (below the minimum) or why it could not be read.</summary>
public sealed record DiskSpace(string Status, long FreeMegabytes, long MinimumMegabytes);

/// <summary>The latest run of a job: its outcome ("Running", "Succeeded", "Failed" or "never run"), when it started and what it said.</summary>
public sealed record LastJobRun(string Job, string Outcome, DateTime? StartedAtUtc, long? DurationMs, string? Result);

/// <summary>
/// What GET /healthz answers: can the database be reached and is it migrated, is the scheduler running, is the audit chain
/// whole (the entries appended since the last full check are checked on each call, so a probe does not re-read the whole
/// chain), is there room on the disk of the files folder. With details, each job's latest run too (which does not make the
/// portal unhealthy: a failed nightly job is for an administrator, not a reason to take the instance out of service).
/// </summary>
public sealed class HealthService(IDbContextFactory<EduGovDbContext> factory, ISchedulerFactory schedulers, Audit.AuditTrail trail,
    IOptions<EduGovOptions> options)
{
    public async Task<HealthReport> CheckAsync(bool withJobs = false, CancellationToken ct = default)
    {
        string database;
        var pending = 0;
        IReadOnlyList<LastJobRun> jobs = [];
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            database = !await db.Database.CanConnectAsync(ct) ? "unreachable" : pending > 0 ? "migrations pending" : "ok";
            if (withJobs && database == "ok") jobs = await LastRunsAsync(db, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            database = $"error: {e.GetType().Name}";
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        var audit = database == "ok" ? await trail.CheckRecentAsync(ct) : null;
        var disk = Disk();
        return new HealthReport(database == "ok" && status == SchedulerStatus.Running && audit is { Intact: true } && disk.Status == "ok",
            database, status.ToString(), pending, audit is null ? "not checked" : audit.Intact ? "intact" : $"broken at entry {audit.BrokenAt}: {audit.Break}",
            disk, jobs);
    }

    private static async Task<IReadOnlyList<LastJobRun>> LastRunsAsync(EduGovDbContext db, CancellationToken ct)
    {
        var runs = await SchedulerService.LastRunsAsync(db, ct);
        return JobCatalog.All.Select(job => runs.TryGetValue(job.Key.Name, out var run)
            ? new LastJobRun(run.Job, run.Outcome.ToString(), run.StartedAtUtc, run.DurationMs, run.Error ?? run.Summary)
            : new LastJobRun(job.Key.Name, "never run", null, null, null)).ToList();
    }

    private DiskSpace Disk()
    {
        var minimum = options.Value.Monitoring.MinFreeDiskMegabytes;
        try
        {
            // A files folder not made yet (nothing uploaded) will be made on the disk of its nearest existing parent.
            var folder = new DirectoryInfo(Path.GetFullPath(options.Value.FilesPath));
            while (folder is { Exists: false, Parent: { } parent }) folder = parent;
            var free = new DriveInfo(folder.FullName).AvailableFreeSpace / (1024 * 1024);
            return new DiskSpace(free >= minimum ? "ok" : "low", free, minimum);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return new DiskSpace($"error: {e.GetType().Name}", 0, minimum);
        }
    }
}
