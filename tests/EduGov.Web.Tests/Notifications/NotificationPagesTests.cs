using Bunit;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Seeding;
using EduGov.Web.Components.Layout;
using EduGov.Web.Components.Pages.Notifications;
using EduGov.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EduGov.Web.Tests.Notifications;

public sealed class NotificationPagesTests : IAsyncLifetime
{
    private static readonly AccessScope Admin = new("admin", Role.Admin, null);
    private static readonly AccessScope District = new("district", Role.District, "/500000/500103/");
    private static readonly AccessScope Principal = new("principal", Role.Principal, $"/500000/500103/{DemoUsers.PrincipalSchoolCode}/");
    private readonly PortalContext _ctx = new();

    private T Get<T>() where T : notnull => _ctx.Services.GetRequiredService<T>();

    private async Task<int> UnitIdAsync(string code)
    {
        await using var db = await Get<IDbContextFactory<EduGovDbContext>>().CreateDbContextAsync();
        return await db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The principal submits the school's filing and 渝中区 returns it, from outside the page under test.</summary>
    private async Task ReturnFilingAsync()
    {
        var filings = Get<FilingService>();
        var school = await UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var period = (await filings.CurrentPeriodAsync(Principal))!.Id;
        var view = await filings.GetAsync(Principal, period, school);
        var version = await filings.SubmitAsync(Principal, period, school, view.Version, view.Survey);
        await filings.ReturnAsync(District, (await filings.GetAsync(District, period, school)).FilingId!.Value, version, "请补充情况说明");
    }

    [Fact]
    public async Task Bell_CountRises_WhenTheDistrictReturnsTheFiling_WithoutAReload()
    {
        _ctx.SignInAs("principal");
        var bell = _ctx.Render<NotificationBell>(p => p.Add(b => b.PollInterval, TimeSpan.FromHours(1)));   // no poll: only the hub can tell it
        bell.WaitForAssertion(() => Get<NotificationHub>().Listeners(PrincipalId()).ShouldBe(1), TimeSpan.FromSeconds(10));
        var before = int.Parse(bell.Find("#notification-bell").GetAttribute("data-unread")!);

        await ReturnFilingAsync();

        bell.WaitForAssertion(() => int.Parse(bell.Find("#notification-bell").GetAttribute("data-unread")!).ShouldBe(before + 1), TimeSpan.FromSeconds(5));
        bell.Find("#notification-bell").GetAttribute("aria-label").ShouldBe($"消息提醒：{before + 1} 条未读");

        await Get<NotificationService>().MarkReadAsync(Principal, null);   // read in another tab
        bell.WaitForAssertion(() => bell.Find("#notification-bell").GetAttribute("data-unread").ShouldBe("0"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Bell_WhenThePageCloses_StopsListening()
    {
        _ctx.SignInAs("principal");
        var bell = _ctx.Render<NotificationBell>();
        bell.WaitForAssertion(() => Get<NotificationHub>().Listeners(PrincipalId()).ShouldBe(1), TimeSpan.FromSeconds(10));

        await _ctx.DisposeComponentsAsync();

        Get<NotificationHub>().Listeners(PrincipalId()).ShouldBe(0);
    }

    private string PrincipalId() => Get<NotificationService>().UserIdAsync(Principal).GetAwaiter().GetResult()!;

    [Fact]
    public async Task Settings_ShowTheRolesKinds_AndSaveAChoiceAndTheAddress()
    {
        _ctx.SignInAs("principal");
        var page = _ctx.RenderPage<NotificationSettings>();
        page.WaitForAssertion(() => page.FindAll(".kind-row").Count.ShouldBeGreaterThan(5));
        page.Markup.ShouldContain("填报被退回");
        page.Markup.ShouldNotContain("学校提交填报");   // a district's kind
        page.Find(".kind-row[data-kind='Reminder']").TextContent.ShouldContain("站内 + 外发");
        page.Find(".kind-row[data-kind='FilingReturned']").TextContent.ShouldContain("仅站内");

        page.Find(".kind-row[data-kind='FilingReturned'] input[type=checkbox]").Change(true);
        page.Find("#my-email").Change("principal@school.example");
        page.Find("#save-settings").Click();

        await page.WaitForAssertionAsync(async () =>
        {
            var saved = await Get<PreferenceService>().GetAsync(Principal);
            saved.Email.ShouldBe("principal@school.example");
            saved.Kinds.Single(k => k.Kind == NotificationKind.FilingReturned).Outbound.ShouldBeTrue();
        });
    }

    [Fact]
    public async Task ChannelList_ShowsTheRobotsAddressOnlyAsAHint()
    {
        _ctx.SignInAs("admin");   // before any service is resolved: the container then takes no more registrations
        await Get<ChannelService>().SaveAsync(Admin, null, new ChannelDetails("渝中区教委工作群", ChannelKind.WeCom, await UnitIdAsync("500103"), true, true),
            new SecretInput("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa"));

        var page = _ctx.RenderPage<ChannelList>();

        page.WaitForAssertion(() => page.FindAll("#channel-table tbody tr").Count.ShouldBe(1));
        var row = page.Find("#channel-table tbody tr").TextContent;
        row.ShouldContain("渝中区教委工作群");
        row.ShouldContain("企业微信群机器人");
        row.ShouldContain("覆盖下级单位");
        page.Find(".channel-target code").TextContent.ShouldBe("****5aaa");
        page.Markup.ShouldNotContain("693axxx6");
    }

    [Fact]
    public async Task DeliveryLog_ShowsStatusAttemptsAndTheLastError()
    {
        _ctx.SignInAs("admin");
        await Get<ChannelService>().SaveAsync(Admin, null, new ChannelDetails("本校工作群", ChannelKind.DingTalk, await UnitIdAsync(DemoUsers.PrincipalSchoolCode), false, true),
            new SecretInput("http://127.0.0.1:9/robot/send?access_token=closed-port"));
        await Get<PreferenceService>().SaveAsync(Principal, new Dictionary<NotificationKind, bool> { [NotificationKind.FilingReturned] = true }, null);
        await ReturnFilingAsync();
        await Get<OutboxSender>().SendDueAsync(DateTime.UtcNow.AddSeconds(1));   // nothing listens on port 9

        var page = _ctx.RenderPage<DeliveryLog>();

        page.WaitForAssertion(() => page.FindAll("#delivery-table tbody tr").Count.ShouldBe(1));
        var row = page.Find("#delivery-table tbody tr");
        row.TextContent.ShouldContain("2026年度填报被退回");
        row.TextContent.ShouldContain("校长（渝中区）");
        row.QuerySelector(".delivery-status")!.TextContent.ShouldContain("待发送");
        row.QuerySelector(".delivery-error")!.TextContent.ShouldContain("无法连接");
        row.TextContent.ShouldNotContain("closed-port");
    }

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _ctx.DisposeAsync();
}
