using EduGov.Domain.Planning;
using EduGov.Infrastructure.Jobs;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace EduGov.Infrastructure.Tests.Jobs;

/// <summary>The nightly recount run by the real scheduler, as the web host runs it.</summary>
public sealed class RecountIndicatorsJobTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Nightly_IsScheduledAtTwo_AndRunNow_RestoresEveryComputedValue()
    {
        List<(int, int, int, decimal)> before;
        await using (var db = _db.Open())
        {
            before = (await db.IndicatorValues.Where(v => v.Source == ValueSource.Computed).Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync())
                .Select(v => (v.IndicatorId, v.OrgUnitId, v.Year, v.Value)).ToList();
            await db.IndicatorValues.Where(v => v.Source == ValueSource.Computed).ExecuteDeleteAsync();
        }
        before.Count.ShouldBeGreaterThan(100);

        var scheduler = await _db.Get<ISchedulerFactory>().GetScheduler();
        var trigger = (ICronTrigger)(await scheduler.GetTriggersOfJob(RecountIndicatorsJob.Key)).Single();
        trigger.CronExpressionString.ShouldBe("0 0 2 * * ?");
        var finished = new Finished();
        scheduler.ListenerManager.AddJobListener(finished, [Matchers.Key(RecountIndicatorsJob.Key)]);
        await scheduler.Start();
        try
        {
            trigger.NextFireTimeUtc!.Value.ToLocalTime().Hour.ShouldBe(2);
            await scheduler.TriggerJob(RecountIndicatorsJob.Key, new JobDataMap(), CancellationToken.None);
            (await finished.Task.WaitAsync(TimeSpan.FromSeconds(60))).ShouldBeNull();
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true);
        }

        await using (var db = _db.Open())
            (await db.IndicatorValues.Where(v => v.Source == ValueSource.Computed).Select(v => new { v.IndicatorId, v.OrgUnitId, v.Year, v.Value }).ToListAsync())
                // Sorted, not ignoreOrder: Shouldly matches an unordered list pair by pair, 20 s for these thousands of values.
                .Select(v => (v.IndicatorId, v.OrgUnitId, v.Year, v.Value)).Order().ShouldBe(before.Order());
    }

    /// <summary>Completes with the run's exception (null when it succeeded).</summary>
    private sealed class Finished : TaskCompletionSource<JobExecutionException?>, IJobListener
    {
        public string Name => "test";
        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
        public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken)
        {
            TrySetResult(jobException);
            return ValueTask.CompletedTask;
        }
    }
}
