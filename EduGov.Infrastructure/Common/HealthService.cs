using EduGov.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EduGov.Infrastructure.Common;

public sealed record HealthReport(bool Healthy, string Database, string Scheduler, int PendingMigrations, string Audit);

/// <summary>
/// What GET /healthz answers: can the database be reached and is it migrated, is the scheduler running, is the audit chain
/// whole (the entries appended since the last full check are checked on each call).
/// </summary>
public sealed class HealthService(IDbContextFactory<EduGovDbContext> factory, ISchedulerFactory schedulers, Audit.AuditTrail trail)
{
    public async Task<HealthReport> CheckAsync(CancellationToken ct = default)
    {
        string database;
        var pending = 0;
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            database = !await db.Database.CanConnectAsync(ct) ? "unreachable" : pending > 0 ? "migrations pending" : "ok";
        }
        catch (Exception e)
        {
            database = $"error: {e.GetType().Name}";
        }

        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        var audit = database == "ok" ? await trail.CheckRecentAsync(ct) : null;
        return new HealthReport(database == "ok" && status == SchedulerStatus.Running && audit is { Intact: true }, database, status.ToString(), pending,
            audit is null ? "not checked" : audit.Intact ? "intact" : $"broken at entry {audit.BrokenAt}: {audit.Break}");
    }
}
