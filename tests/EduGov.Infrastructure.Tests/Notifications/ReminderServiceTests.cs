using EduGov.Domain.Filing;
using EduGov.Domain.Security;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Notifications;

public sealed class ReminderServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);
    private ReminderService Reminders => _db.Get<ReminderService>();
    private NotificationService Notifications => _db.Get<NotificationService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task SendAsync_AFilingDeadlineNear_TellsThePrincipalOnce_HoweverOftenItRuns()
    {
        var period = await AddPeriodAsync(closesIn: 3);

        await Reminders.SendAsync(Today);
        await Reminders.SendAsync(Today);

        var mine = await Notifications.ListAsync(Scopes.Principal, unreadOnly: true, 0, 20);
        var filing = mine.Items.Where(n => n.Title == "期末填报填报即将截止").ShouldHaveSingleItem();
        filing.Body.ShouldContain("还剩 3 天");
        (await Notifications.UnreadCountAsync(Scopes.Principal)).ShouldBe(mine.Total);
        await using var db = _db.Open();
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        (await db.Notifications.CountAsync(n => n.Subject == $"filing:{period}:{school}:soon")).ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_MoreThanAWeekBeforeTheDeadline_SaysNothingOfIt()
    {
        await AddPeriodAsync(closesIn: 8);
        await Reminders.SendAsync(Today);
        (await Notifications.ListAsync(Scopes.Principal, false, 0, 50)).Items.ShouldNotContain(n => n.Title.Contains("期末填报"));
    }

    [Fact]
    public async Task SendAsync_ARemediationItemPastItsDeadline_TellsItsUnit()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        await using (var db = _db.Open())
        {
            db.RemediationItems.Add(RemediationItem.Raise(school, null, FindingSource.Inspection, 1, SecurityLayer.Network, RiskSeverity.Medium,
                "边界防火墙策略未更新", "信息中心", Today, Today));
            await db.SaveChangesAsync();
        }

        var summary = await Reminders.SendAsync(Today.AddDays(2));

        summary.ShouldStartWith("新发提醒");
        var item = (await Notifications.ListAsync(Scopes.Principal, false, 0, 20)).Items.Single(n => n.Title == "安全整改项已逾期");
        item.Body.ShouldContain("已逾期 2 天");
    }

    [Fact]
    public async Task SendAsync_ARectificationPastItsDeadline_TellsTheResponsibleDistrict()
    {
        await Reminders.SendAsync(Today);

        var item = (await Notifications.ListAsync(Scopes.District, false, 0, 50)).Items.Single(n => n.Title == "整改事项已逾期");
        item.Body.ShouldContain(DemoInspections.OverdueRequirement[..10]);
        item.Link.ShouldBe("/supervision/rectifications");
        (await Notifications.ListAsync(Scopes.Principal, false, 0, 50)).Items.ShouldNotContain(n => n.Title == "整改事项已逾期");
    }

    [Fact]
    public async Task MarkReadAsync_OnlyTheirOwn_AndAllAtOnce()
    {
        await AddPeriodAsync(closesIn: 1);
        await Reminders.SendAsync(Today);
        var unread = await Notifications.ListAsync(Scopes.Principal, true, 0, 20);
        var id = unread.Items[0].Id;

        await Should.ThrowAsync<NotFoundException>(() => Notifications.MarkReadAsync(Scopes.District, id));
        await Notifications.MarkReadAsync(Scopes.Principal, id);
        (await Notifications.UnreadCountAsync(Scopes.Principal)).ShouldBe(unread.Total - 1);

        await Notifications.MarkReadAsync(Scopes.Principal, null);
        (await Notifications.UnreadCountAsync(Scopes.Principal)).ShouldBe(0);
        (await Notifications.ListAsync(Scopes.Principal, false, 0, 20)).Items.ShouldAllBe(n => n.IsRead);
    }

    private async Task<int> AddPeriodAsync(int closesIn)
    {
        await using var db = _db.Open();
        var city = await db.OrgUnits.Where(u => u.Code == "500000").Select(u => u.Id).SingleAsync();
        var period = ReportingPeriod.Create(city, new PeriodDetails("期末填报", Today.Year, Today.AddDays(-10), Today.AddDays(closesIn)));
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();
        return period.Id;
    }
}
