using EduGov.Domain.Common;
using EduGov.Domain.Jobs;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Jobs;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EduGov.Infrastructure.Tests.Jobs;

/// <summary>The 任务调度 page's service against the real scheduler and its job store in SQLite.</summary>
public sealed class SchedulerServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private SchedulerService Jobs => _db.Get<SchedulerService>();
    private const string Reminders = "send-reminders";

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    /// <summary>
    /// Starts the scheduler with only "run now" firing the outbox: its schedule fires every minute (and catches up a missed
    /// firing at start), and in a test that has dropped the outbox's table such a run fails too. On slow machines one did,
    /// beside the run the test started, and was counted and named in its place.
    /// </summary>
    private async Task StartWithTheOutboxSchedulePausedAsync()
    {
        var scheduler = await _db.Get<ISchedulerFactory>().GetScheduler();
        foreach (var trigger in await scheduler.GetTriggersOfJob(DeliverNotificationsJob.Key)) await scheduler.PauseTrigger(trigger.Key);
        await scheduler.Start();
    }

    public async Task DisposeAsync()
    {
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Shutdown(waitForJobsToComplete: true);
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task ListAsync_ShowsEveryJobOnItsConfiguredSchedule_KeptInQuartzTables()
    {
        var jobs = await Jobs.ListAsync(Scopes.Commission);

        jobs.Select(j => (j.Name, j.Cron)).ShouldBe([
            ("make-supervision-reports", "0 0 3 1 1,4,7,10 ?"), ("make-white-papers", "0 0 4 20 1 ?"),
            ("recount-indicators", "0 0 2 * * ?"), (Reminders, "0 0 7 * * ?"), ("escalate-urgings", "0 30 6 * * ?"), ("verify-audit-trail", "0 30 1 * * ?"),
            ("deliver-notifications", "0 * * * * ?"), ("make-backup", "0 0 1 * * ?")]);
        jobs.ShouldAllBe(j => j.NextFireUtc > DateTime.UtcNow && !j.Paused && j.LastRun == null);
        await using var db = _db.Open();
        (await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM QRTZ_CRON_TRIGGERS").SingleAsync()).ShouldBe(JobCatalog.All.Count);
    }

    [Fact]
    public async Task RescheduleAsync_IsStored_AndSurvivesARestart()
    {
        await Jobs.RescheduleAsync(Scopes.Commission, Reminders, " 0 30 6 * * ? ");
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Shutdown();
        await _db.RestartAsync();

        var job = (await Jobs.ListAsync(Scopes.Admin)).Single(j => j.Name == Reminders);
        job.Cron.ShouldBe("0 30 6 * * ?");
        TimeZoneInfo.ConvertTimeFromUtc(job.NextFireUtc!.Value, TimeZoneInfo.Local).TimeOfDay.ShouldBe(new TimeSpan(6, 30, 0));
        await using var db = _db.Open();
        (await db.AuditEntries.AnyAsync(a => a.Action == "Reschedule" && a.Actor == "commission" && a.Details!.Contains("0 30 6"))).ShouldBeTrue();
    }

    [Fact]
    public async Task RescheduleAsync_AnInvalidExpression_IsRefusedAndTheScheduleStays()
    {
        (await Should.ThrowAsync<DomainException>(() => Jobs.RescheduleAsync(Scopes.Commission, Reminders, "0 0 25 * * ?"))).Code.ShouldBe(ErrorCodes.InvalidCron);
        (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == Reminders).Cron.ShouldBe("0 0 7 * * ?");
    }

    [Fact]
    public async Task Jobs_AreForAdministratorsAndCommissionStaffOnly()
    {
        await Should.ThrowAsync<ForbiddenException>(() => Jobs.ListAsync(Scopes.Principal));
        await Should.ThrowAsync<ForbiddenException>(() => Jobs.RunNowAsync(Scopes.District, Reminders));
        await Should.ThrowAsync<ForbiddenException>(() => Jobs.PauseAsync(Scopes.Inspector, Reminders));
        await Should.ThrowAsync<NotFoundException>(() => Jobs.RunNowAsync(Scopes.Commission, "no-such-job"));
    }

    [Fact]
    public async Task PauseAsync_StaysPausedThroughAReschedule_UntilResumed()
    {
        await Jobs.PauseAsync(Scopes.Commission, Reminders);
        await Jobs.RescheduleAsync(Scopes.Commission, Reminders, "0 0 8 * * ?");
        (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == Reminders).Paused.ShouldBeTrue();

        await Jobs.ResumeAsync(Scopes.Commission, Reminders);
        (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == Reminders).Paused.ShouldBeFalse();
    }

    [Fact]
    public async Task RunNowAsync_RunsTheJob_AndHistoryShowsWhoStartedItAndWhatItDid()
    {
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Start();
        await Jobs.RunNowAsync(Scopes.Commission, Reminders);

        var run = await FinishedRunAsync(Reminders);
        (run.Cause, run.StartedBy, run.Outcome, run.Attempt).ShouldBe((RunCause.Manual, "commission", RunOutcome.Succeeded, 1));
        run.Summary.ShouldStartWith("新发提醒");
        run.DurationMs.ShouldNotBeNull();
        (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == Reminders).LastRun!.Id.ShouldBe(run.Id);
    }

    [Fact]
    public async Task RunNowAsync_ASucceedingAndAFailingRun_AreCountedInTheMetricsByOutcome()
    {
        using var metrics = new MetricRecorder(_db.Services);
        await StartWithTheOutboxSchedulePausedAsync();
        await Jobs.RunNowAsync(Scopes.Commission, Reminders);
        await FinishedRunAsync(Reminders);
        await using (var db = _db.Open())
            await db.Database.ExecuteSqlRawAsync(TestSql.DropTable("NotificationDeliveries"));   // the outbox job cannot read its outbox

        await Jobs.RunNowAsync(Scopes.Admin, "deliver-notifications");
        (await FinishedRunAsync("deliver-notifications")).Outcome.ShouldBe(RunOutcome.Failed);

        metrics.Sum("edugov.job.runs", ("job", Reminders), ("outcome", "succeeded")).ShouldBe(1);
        metrics.Sum("edugov.job.runs", ("job", "deliver-notifications"), ("outcome", "failed")).ShouldBe(1);
        metrics.Count("edugov.job.duration", ("job", Reminders)).ShouldBe(1);
    }

    [Fact]
    public async Task RunNowAsync_EscalateUrgings_RecordsWhatItMarked_UnderWhoStartedIt()
    {
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Start();
        await Jobs.RunNowAsync(Scopes.Admin, "escalate-urgings");

        var run = await FinishedRunAsync("escalate-urgings");
        (run.StartedBy, run.Outcome).ShouldBe(("admin", RunOutcome.Succeeded));
        run.Summary.ShouldBe("标记逾期 0 件，升级 0 件");   // the demo 督办 were swept the day they fell due
    }

    [Fact]
    public async Task AFiringMissedWhileDown_RunsOnceOnStart_RecordedAsACatchUp()
    {
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Shutdown();
        await using (var db = _db.Open()) // the portal was down when the daily firing fell due, two hours ago
            await db.Database.ExecuteSqlAsync($"UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = {DateTime.UtcNow.AddHours(-2).Ticks} WHERE TRIGGER_NAME = {Reminders}");
        await _db.RestartAsync();

        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Start();

        var run = await FinishedRunAsync(Reminders);
        (run.Cause, run.Outcome).ShouldBe((RunCause.CatchUp, RunOutcome.Succeeded));
        (run.StartedAtUtc - run.DueAtUtc).ShouldBeGreaterThan(TimeSpan.FromMinutes(1));
        await Task.Delay(1000);
        (await Jobs.HistoryAsync(Scopes.Commission, Reminders, 0, 10)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task ARunCutShortByAStop_IsClosedAsInterrupted_WhenTheSchedulerStartsAgain()
    {
        await using (var db = _db.Open())
        {
            var started = DateTime.UtcNow.AddMinutes(-5);
            db.JobRuns.Add(JobRun.Start(Reminders, "fire-of-a-stopped-portal", RunCause.Scheduled, 1, JobCatalog.Scheduler, started, started, TimeSpan.FromMinutes(1)));
            await db.SaveChangesAsync();
        }
        (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == Reminders).LastRun!.Outcome.ShouldBe(RunOutcome.Running);

        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Start();

        var run = await FinishedRunAsync(Reminders);
        (run.Outcome, run.RetryAtUtc).ShouldBe((RunOutcome.Failed, null));
        run.Error.ShouldNotBeNull().ShouldStartWith("运行中断");
    }

    [Fact]
    public async Task VerifyAuditTrail_OnABrokenChain_TellsEveryAdministratorAtOnce()
    {
        await using (var db = _db.Open())
        {
            await db.Database.ExecuteSqlRawAsync(TestSql.DropTrigger("AuditEntries_NoUpdate", "AuditEntries"));
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'mallory' WHERE \"Id\" = 3");
        }
        await (await _db.Get<ISchedulerFactory>().GetScheduler()).Start();

        await Jobs.RunNowAsync(Scopes.Admin, "verify-audit-trail");

        var run = await FinishedRunAsync("verify-audit-trail");
        run.Summary.ShouldBe("审计链断裂于第 3 条：内容与其哈希不符，被改动过或是伪造的");
        await using var check = _db.Open();
        var admins = await check.Users.Where(u => u.Role == Domain.Organisation.Role.Admin).Select(u => u.Id).ToListAsync();
        admins.ShouldNotBeEmpty();
        foreach (var admin in admins)
            (await check.Notifications.SingleAsync(n => n.UserId == admin && n.Subject == "audit-chain:3")).Title.ShouldBe("审计日志被改动");
        (await _db.Get<HealthService>().CheckAsync()).Audit.ShouldBe("broken at entry 3: Altered");
    }

    [Fact]
    public async Task AFailedRun_TellsEveryAdministrator_AndFailingAgainWhileUnread_UpdatesThatMessage()
    {
        const string job = "deliver-notifications";
        await using (var db = _db.Open())
            await db.Database.ExecuteSqlRawAsync(TestSql.DropTable("NotificationDeliveries"));   // the job cannot read its outbox
        await StartWithTheOutboxSchedulePausedAsync();

        await Jobs.RunNowAsync(Scopes.Admin, job);
        (await FinishedRunAsync(job)).Outcome.ShouldBe(RunOutcome.Failed);
        await Jobs.RunNowAsync(Scopes.Admin, job);
        for (var waited = 0; (await Jobs.HistoryAsync(Scopes.Commission, job, 0, 10)).Items.Count(r => r.Outcome == RunOutcome.Failed) < 2; waited += 200)
        {
            waited.ShouldBeLessThan(60_000);
            await Task.Delay(200);
        }

        await using var check = _db.Open();
        var told = await (from n in check.Notifications
                          join u in check.Users on n.UserId equals u.Id
                          where n.Kind == Domain.Notifications.NotificationKind.JobFailed
                          select new { u.UserName, u.Role, n.Title, n.Body, n.Link }).ToListAsync();
        told.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            t => (t.UserName, t.Role, t.Link).ShouldBe(("admin", Domain.Organisation.Role.Admin, "/jobs")),
            t => t.Title.ShouldBe("计划任务“外发消息投递”运行失败"),
            t => t.Body.ShouldContain("由admin启动的运行（第 1 次）失败："),
            t => t.Body.ShouldContain("NotificationDeliveries")); // the database's own words: "no such table", "does not exist"
    }

    [Fact]
    public async Task TheOutboxJob_KeepsAScheduledRunInTheHistory_OnlyWhenItSentSomething()
    {
        var scheduler = await _db.Get<ISchedulerFactory>().GetScheduler();
        await scheduler.Start();
        await scheduler.TriggerJob(DeliverNotificationsJob.Key);   // fired as the schedule fires it, with nothing due
        await Task.Delay(3000);
        (await Jobs.HistoryAsync(Scopes.Admin, "deliver-notifications", 0, 10)).Total.ShouldBe(0);

        await using var robot = new Support.WebhookListener();
        await _db.Get<ChannelService>().SaveAsync(Scopes.Admin, null,
            new Domain.Notifications.ChannelDetails("管理员群", Domain.Notifications.ChannelKind.WeCom, null, false, true), new SecretInput(robot.Url()));
        await using (var db = _db.Open())
        {
            var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            db.Notify([admin], Domain.Notifications.NotificationKind.JobFailed, new Domain.Notifications.Reminder(0, "job:test:failed:1", "计划任务失败", "测试", "/jobs"), DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
        await scheduler.TriggerJob(DeliverNotificationsJob.Key);

        var run = await FinishedRunAsync("deliver-notifications");
        (run.Cause, run.Outcome, run.Summary).ShouldBe((RunCause.Scheduled, RunOutcome.Succeeded, "发送成功 1 条，失败待重试 0 条，放弃 0 条"));
        robot.Requests.Count.ShouldBe(1);
    }

    private async Task<JobRunRow> FinishedRunAsync(string job)
    {
        for (var waited = 0; waited < 60_000; waited += 200)
        {
            var runs = await Jobs.HistoryAsync(Scopes.Commission, job, 0, 10);
            if (runs.Items.FirstOrDefault(r => r.Outcome != RunOutcome.Running) is { } run) return run;
            await Task.Delay(200);
        }
        var all = await Jobs.HistoryAsync(Scopes.Commission, job, 0, 10);
        var trigger = (await Jobs.ListAsync(Scopes.Commission)).Single(j => j.Name == job);
        throw new TimeoutException($"{job} did not finish a run in 60 s: {string.Join("; ", all.Items)}; {trigger}");
    }
}
