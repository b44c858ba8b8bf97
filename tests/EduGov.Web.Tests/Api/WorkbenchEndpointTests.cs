using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using EduGov.Domain.Designations;
using EduGov.Domain.Filing;
using EduGov.Domain.Jobs;
using EduGov.Domain.Organisation;
using EduGov.Domain.Workbench;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Designations;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Supervision;
using EduGov.Tests;
using EduGov.Web.Api;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace EduGov.Web.Tests.Api;

/// <summary>
/// The demo portal with work on every desk: a school's application to recommend, the district's own application in review with
/// both experts, an answered rectification item to verify, the daily reminders sent and a job that failed.
/// </summary>
public sealed class WorkbenchPortal : PortalFactory, IAsyncLifetime
{
    private static readonly AccessScope Principal = new("principal", Role.Principal, $"/500000/500103/{DemoUsers.PrincipalSchoolCode}/");
    private static readonly AccessScope District = new("district", Role.District, "/500000/500103/");
    private static readonly AccessScope Commission = new("commission", Role.Commission, "/500000/");

    public async Task InitializeAsync()
    {
        using var scope = Services.CreateScope();
        T Get<T>() where T : notnull => scope.ServiceProvider.GetRequiredService<T>();
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        var programmes = await db.Programmes.ToDictionaryAsync(p => p.Target, p => p.Id);

        var applications = Get<ApplicationService>();
        var school = await applications.StartAsync(Principal, programmes[DesignationTarget.Schools]);
        await applications.SaveDraftAsync(Principal, school, [18, 26, 17, 13, 12], ["千兆到校", "常态化应用", "一网通办", "等保二级", "AI 课堂"]);
        await applications.SubmitAsync(Principal, school);
        var own = await applications.StartAsync(District, programmes[DesignationTarget.Districts]);
        var criteria = (await applications.GetAsync(District, own)).Criteria;
        await applications.SaveDraftAsync(District, own, criteria.Select(c => (decimal?)c.MaxScore).ToList(), criteria.Select(c => "区域整体推进").ToList());
        await applications.SubmitAsync(District, own);
        await applications.AssignAsync(Commission, own, ["inspector", "expert"]);

        var inspections = Get<InspectionService>();
        var item = (await inspections.RectificationsAsync(District, new RectificationQuery(), 0, 50)).Items.Single(i => i.Requirement == DemoInspections.SchoolRequirement);
        await Get<EvidenceStore>().AddAsync(District, EvidenceOwner.Rectification(item.Id), "提升计划.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);
        await inspections.AnswerAsync(District, item.Id, "已制定空间应用提升计划");

        await Get<ReminderService>().SendAsync(DateOnly.FromDateTime(DateTime.Now));
        var now = DateTime.UtcNow;
        var run = JobRun.Start("RecountIndicators", "workbench-test", RunCause.Manual, 1, "admin", now, now, TimeSpan.FromMinutes(1));
        run.Fail(TimeSpan.FromSeconds(1), "数据库忙，稍后重试", null);
        db.JobRuns.Add(run);
        await db.SaveChangesAsync();
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}

public sealed class WorkbenchEndpointTests(WorkbenchPortal portal, ITestOutputHelper output) : IClassFixture<WorkbenchPortal>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private async Task<WorkbenchEndpoints.TasksDto> TasksAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/me/tasks");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<WorkbenchEndpoints.TasksDto>(Json))!;
    }

    [Fact]
    public async Task Tasks_SignedOut_Answer401()
    {
        var response = await portal.Anonymous().GetAsync("/api/me/tasks");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("principal", new[] { WorkKind.FilingNotStarted, WorkKind.AssessmentDue, WorkKind.InspectionPlanned, WorkKind.TeachersShort, WorkKind.ApplicationPending })]
    [InlineData("district", new[] { WorkKind.SchoolsNotStarted, WorkKind.RectificationToAnswer, WorkKind.AssessmentDue, WorkKind.ApplicationsToRecommend, WorkKind.IndicatorsBehind, WorkKind.UnreadNotifications })]
    [InlineData("commission", new[] { WorkKind.DistrictFilingBehind, WorkKind.IndicatorsBehind, WorkKind.JobFailed })]
    [InlineData("inspector", new[] { WorkKind.InspectionPlanned, WorkKind.RectificationToVerify, WorkKind.ReviewToScore })]
    [InlineData("expert", new[] { WorkKind.InspectionPlanned, WorkKind.ReviewToScore })]
    [InlineData("admin", new[] { WorkKind.JobFailed, WorkKind.UsersNeverSignedIn })]
    public async Task Tasks_OfEachRole_AreItsOwn_InWords(string user, WorkKind[] expected)
    {
        var tasks = await TasksAsync(await portal.SignedInAsync(user));

        expected.Except(tasks.Tasks.Select(t => t.Kind)).ShouldBeEmpty();
        tasks.Total.ShouldBe(tasks.Tasks.Count);
        tasks.Tasks.ShouldAllBe(t => t.Title.Length > 0 && !t.Title.StartsWith("Enum.") && t.Link.StartsWith('/'));
        // The home page's order: groups by their most urgent task, and within a group the most urgent first.
        var groups = tasks.Tasks.GroupBy(t => t.Kind).ToList();
        groups.Select(g => g.First().Urgency).ShouldBeInOrder(SortDirection.Ascending);
        groups.ShouldAllBe(g => g.Select(t => t.Urgency).SequenceEqual(g.Select(t => t.Urgency).Order()));
        tasks.Tasks.Where(t => t.Urgency == Urgency.Overdue).ShouldAllBe(t => t.When!.StartsWith("逾期 ") && t.When.EndsWith(" 天"));
    }

    [Fact]
    public async Task Tasks_OfThePrincipal_SayHowItsFilingStands_AndNeverAnotherSchools()
    {
        var tasks = await TasksAsync(await portal.SignedInAsync("principal"));

        var filing = tasks.Tasks.Single(t => t.Kind == WorkKind.FilingNotStarted);
        (filing.Title, filing.Subject, filing.DateMeaning).ShouldBe(("本期填报尚未开始", "2026年度", DateMeaning.Due));
        filing.When!.ShouldMatch(@"^(还剩 \d+ 天|今天截止)$");
        filing.DateText.ShouldBe("2026-12-15 截止");
        var pending = tasks.Tasks.Single(t => t.Kind == WorkKind.ApplicationPending);
        pending.State.ShouldBe("待区县推荐");
        tasks.Tasks.ShouldNotContain(t => t.Kind == WorkKind.RectificationToAnswer || t.Kind == WorkKind.ApplicationsToRecommend);
    }

    [Fact]
    public async Task Tasks_InEnglish_FollowTheCultureCookie()
    {
        var client = await portal.SignInFreshAsync("district");
        await client.GetAsync("/culture/en-US?returnUrl=/");

        var tasks = await TasksAsync(client);

        tasks.Tasks.Single(t => t.Kind == WorkKind.RectificationToAnswer).Title.ShouldBe("Rectification items to answer");
    }

    /// <summary>
    /// Every link of every role's list, opened as that role: a page it may open (200), not the sign-in page, not 无权访问, not
    /// 未找到 — what a user who clicks the task would see.
    /// </summary>
    [Fact]
    public async Task EveryTaskLink_OpensAPageTheRoleCanUse()
    {
        var problems = new List<string>();
        var opened = 0;
        foreach (var user in new[] { "admin", "commission", "district", "principal", "inspector", "expert" })
        {
            var client = await portal.SignedInAsync(user);
            var links = (await TasksAsync(client)).Tasks.Select(t => (t.Kind, t.Link)).Distinct().ToList();
            links.ShouldNotBeEmpty(user);
            foreach (var (kind, link) in links)
            {
                using var response = await client.GetAsync(link);
                opened++;
                var body = await response.Content.ReadAsStringAsync();
                var problem = response.StatusCode != HttpStatusCode.OK ? $"{(int)response.StatusCode} {response.Headers.Location}"
                    : body.Contains("未找到") ? "未找到"
                    : body.Contains("无权访问") ? "无权访问"
                    : body.Contains("id=\"username\"") ? "the sign-in page"
                    : null;
                if (problem is not null) problems.Add($"{user} {kind} {link}: {problem}");
            }
        }
        output.WriteLine($"{opened} links opened");
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }
}
