using EduGov.Domain.Jobs;

namespace EduGov.Domain.Tests.Jobs;

public sealed class JobRunTests
{
    private static readonly DateTime Due = new(2027, 1, 20, 4, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Threshold = TimeSpan.FromMinutes(1);

    [Fact]
    public void Start_OnTimeWithinTheThreshold_IsScheduled()
    {
        JobRun.Start("make-white-papers", "f1", RunCause.Scheduled, 1, "计划任务", Due, Due + Threshold, Threshold).Cause.ShouldBe(RunCause.Scheduled);
    }

    [Fact]
    public void Start_LaterThanTheThreshold_IsACatchUpOfAMissedFiring()
    {
        var run = JobRun.Start("make-white-papers", "f1", RunCause.Scheduled, 1, "计划任务", Due, Due + TimeSpan.FromHours(9), Threshold);
        (run.Cause, run.DueAtUtc, run.Outcome).ShouldBe((RunCause.CatchUp, Due, RunOutcome.Running));
    }

    [Fact]
    public void Start_ARecoveredRun_IsNeverACatchUp_AndKeepsItsInstance()
    {
        var run = JobRun.Start("make-white-papers", "f2", RunCause.Recovery, 1, "commission", Due, Due.AddHours(3), Threshold, node: "portal-b");

        (run.Cause, run.Node).ShouldBe((RunCause.Recovery, "portal-b"));
    }

    [Fact]
    public void Start_ManualRunsAreNeverCatchUps()
    {
        JobRun.Start("send-reminders", "f1", RunCause.Manual, 1, "commission", Due, Due.AddHours(3), Threshold).Cause.ShouldBe(RunCause.Manual);
    }

    [Fact]
    public void Fail_KeepsTheErrorAndTheRetryTime()
    {
        var run = JobRun.Start("make-white-papers", "f1", RunCause.Scheduled, 1, "计划任务", Due, Due, Threshold);
        run.Fail(TimeSpan.FromMilliseconds(1500), "找不到浏览器", Due.AddMinutes(10));
        (run.Outcome, run.DurationMs, run.Error, run.RetryAtUtc).ShouldBe((RunOutcome.Failed, 1500L, "找不到浏览器", Due.AddMinutes(10)));
    }

    [Fact]
    public void Succeed_KeepsWhatTheRunMade()
    {
        var run = JobRun.Start("make-white-papers", "f1", RunCause.Manual, 1, "commission", Due, Due, Threshold);
        run.Succeed(TimeSpan.FromSeconds(2), "已生成 3 个市的 2026 年白皮书");
        (run.Outcome, run.DurationMs, run.Summary).ShouldBe((RunOutcome.Succeeded, 2000L, "已生成 3 个市的 2026 年白皮书"));
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    public void RetryPolicy_WaitsLongerEachTime_UntilTheLastAttempt(int attempt, int minutes)
    {
        new RetryPolicy(3, TimeSpan.FromMinutes(10)).NextAttemptAt(attempt, Due).ShouldBe(Due.AddMinutes(minutes));
    }

    [Fact]
    public void RetryPolicy_AfterTheLastAttempt_StopsRetrying()
    {
        new RetryPolicy(3, TimeSpan.FromMinutes(10)).NextAttemptAt(3, Due).ShouldBeNull();
        new RetryPolicy(1, TimeSpan.FromMinutes(10)).NextAttemptAt(1, Due).ShouldBeNull();
    }
}
