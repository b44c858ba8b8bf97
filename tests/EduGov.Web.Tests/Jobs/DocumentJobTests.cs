using EduGov.Domain.Jobs;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Jobs;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Jobs;

/// <summary>The document jobs run by the portal's own scheduler (the hosted Quartz, its store in the SQLite file).</summary>
public sealed class DocumentJobTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task MakeWhitePapers_RunNow_ArchivesEveryCitysWhitePaperOfThePreviousYear()
    {
        var runs = await JobRuns.RunAndWaitAsync(portal.Services, "make-white-papers", finished: 1);

        var run = runs.Single();
        (run.Outcome, run.Cause, run.StartedBy).ShouldBe((RunOutcome.Succeeded, RunCause.Manual, "admin"), run.Error);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var cities = await db.OrgUnits.CountAsync(u => u.Kind == OrgUnitKind.City);
        var papers = await db.GeneratedDocuments.Where(d => d.Kind == DocumentKind.WhitePaper).ToListAsync();
        papers.Count.ShouldBe(cities);
        papers.ShouldAllBe(d => d.Year == DateTime.Now.Year - 1 && d.CreatedBy == "admin" && d.Size > 10_000);
        run.Summary.ShouldBe($"已生成 {cities} 个市的 {DateTime.Now.Year - 1} 年白皮书");
    }

    [Fact]
    public async Task MakeSupervisionReports_RunNow_ArchivesEveryDistrictsReportOfTheYear()
    {
        var run = (await JobRuns.RunAndWaitAsync(portal.Services, "make-supervision-reports", finished: 1)).Single();

        run.Outcome.ShouldBe(RunOutcome.Succeeded, run.Error);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var districts = await db.OrgUnits.Where(u => u.Kind == OrgUnitKind.District).Select(u => u.Id).OrderBy(id => id).ToListAsync();
        // Run now on a November day stands for this year (the quarter just ended is in it).
        (await db.GeneratedDocuments.Where(d => d.Kind == DocumentKind.SupervisionReport && d.Year == DateTime.Now.AddDays(-1).Year)
            .Select(d => d.UnitId).OrderBy(id => id).ToListAsync()).ShouldBe(districts);
        run.Summary.ShouldBe($"已生成 {districts.Count} 个区县的 {DateTime.Now.AddDays(-1).Year} 年督导报告");
    }
}

/// <summary>A portal whose configured browser does not exist, retrying once a second later.</summary>
public sealed class NoBrowserPortalFactory : PortalFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["EduGov:Browser:ExecutablePath"] = "/nonexistent/chromium",
        ["EduGov:Jobs:MaxAttempts"] = "2",
        ["EduGov:Jobs:RetryDelay"] = "00:00:01",
    };
}

public sealed class FailingDocumentJobTests(NoBrowserPortalFactory portal) : IClassFixture<NoBrowserPortalFactory>
{
    [Fact]
    public async Task MakeSupervisionReports_WithoutABrowser_FailsClearly_IsRetriedPerThePolicy_AndLeavesTheArchiveAsItWas()
    {
        var runs = await JobRuns.RunAndWaitAsync(portal.Services, "make-supervision-reports", finished: 2);

        var (retry, first) = (runs[0], runs[1]);
        (first.Outcome, first.Attempt, first.Cause).ShouldBe((RunOutcome.Failed, 1, RunCause.Manual));
        first.Error.ShouldNotBeNull().ShouldContain("/nonexistent/chromium");
        first.RetryAtUtc.ShouldNotBeNull();
        (retry.Outcome, retry.Attempt, retry.Cause, retry.StartedBy).ShouldBe((RunOutcome.Failed, 2, RunCause.Retry, "admin"));
        retry.RetryAtUtc.ShouldBeNull(); // the last of MaxAttempts = 2
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        (await db.GeneratedDocuments.CountAsync()).ShouldBe(0);
        (await portal.Anonymous().GetAsync("/healthz")).IsSuccessStatusCode.ShouldBeTrue();
    }
}

internal static class JobRuns
{
    private static readonly AccessScope Admin = new("admin", Role.Admin, null);

    /// <summary>Presses 立即运行 and waits for <paramref name="finished"/> runs of the job to end; newest first.</summary>
    public static async Task<IReadOnlyList<JobRunRow>> RunAndWaitAsync(IServiceProvider services, string job, int finished)
    {
        using var scope = services.CreateScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<SchedulerService>();
        await scheduler.RunNowAsync(Admin, job);
        for (var waited = 0; waited < 120_000; waited += 250)
        {
            var runs = (await scheduler.HistoryAsync(Admin, job, 0, 10)).Items;
            if (runs.Count(r => r.Outcome != RunOutcome.Running) >= finished) return runs;
            await Task.Delay(250);
        }
        throw new TimeoutException($"{job}: fewer than {finished} runs ended in 120 s.");
    }
}
