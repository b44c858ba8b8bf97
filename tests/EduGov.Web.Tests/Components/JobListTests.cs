using Bunit;
using EduGov.Infrastructure.Jobs;
using EduGov.Web.Components.Pages.Jobs;
using EduGov.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Components;

public sealed class JobListTests : IAsyncLifetime
{
    private readonly PortalContext _ctx = new();

    private IRenderedComponent<JobList> Render()
    {
        _ctx.SignInAs("commission");
        var page = _ctx.RenderPage<JobList>();
        page.WaitForAssertion(() => page.FindAll("#job-table tbody tr").Count.ShouldBe(JobCatalog.All.Count));
        return page;
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<JobList> page, string job) =>
        page.Find($"#job-table tbody tr:has([data-job='{job}'])");

    [Fact]
    public void JobList_ShowsEachJobsScheduleInChinese_WithItsPolicies()
    {
        var page = Render();

        Row(page, "send-reminders").TextContent.ShouldContain("每日提醒");
        Row(page, "send-reminders").QuerySelector(".schedule-text")!.TextContent.ShouldBe("每天 07:00");
        Row(page, "make-white-papers").QuerySelector(".schedule-text")!.TextContent.ShouldBe("每年1月20日 04:00");
        Row(page, "make-white-papers").QuerySelector(".last-result")!.TextContent.ShouldContain("尚未运行");
        page.Find("#job-policies").TextContent.ShouldContain("失败后自动重试 2 次");
    }

    [Fact]
    public void JobList_InEnglish_SaysEachScheduleInEnglish_WithTheExpressionKeptWhole()
    {
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new("en-US");
        var page = Render();

        Row(page, "send-reminders").QuerySelector(".schedule-text")!.TextContent.ShouldBe("Daily at 07:00");
        Row(page, "make-white-papers").QuerySelector(".schedule-text")!.TextContent.ShouldBe("Yearly on 20 Jan at 04:00");
        var raw = Row(page, "send-reminders").QuerySelector(".cron-raw")!;
        raw.TextContent.ShouldBe("0 0 7 * * ?");
        raw.ClassList.ShouldContain("cron-raw");
    }

    [Fact]
    public async Task ScheduleDialog_RefusesAnInvalidExpression_AndSavesAValidOne()
    {
        var page = Render();
        Row(page, "send-reminders").QuerySelector(".edit-schedule")!.Click();
        var dialog = _ctx.Dialogs;
        dialog.WaitForElement(".cron-input input").Input("0 0 25 * * ?");
        dialog.WaitForAssertion(() => dialog.Find(".cron-input").TextContent.ShouldContain("计划表达式"));
        dialog.Find(".save-schedule").HasAttribute("disabled").ShouldBeTrue();

        dialog.Find(".cron-input input").Input("0 30 6 * * ?");
        dialog.WaitForAssertion(() => dialog.Find(".cron-description").TextContent.ShouldBe("每天 06:30"));
        dialog.FindAll(".next-runs li").Count.ShouldBe(5);
        dialog.Find(".save-schedule").Click();

        page.WaitForAssertion(() => Row(page, "send-reminders").QuerySelector(".schedule-text")!.TextContent.ShouldBe("每天 06:30"));
        (await _ctx.Services.GetRequiredService<SchedulerService>().ListAsync(new("admin", Domain.Organisation.Role.Admin, null)))
            .Single(j => j.Name == "send-reminders").Cron.ShouldBe("0 30 6 * * ?");
    }

    [Fact]
    public void Pause_ShowsThePausedState_AndResumeBringsItBack()
    {
        var page = Render();
        Row(page, "recount-indicators").QuerySelector(".pause")!.Click();
        page.WaitForAssertion(() => Row(page, "recount-indicators").QuerySelector(".job-state")!.TextContent.ShouldBe("已暂停"));

        Row(page, "recount-indicators").QuerySelector(".resume")!.Click();
        page.WaitForAssertion(() => Row(page, "recount-indicators").QuerySelector(".job-state")!.TextContent.ShouldBe("正常"));
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
