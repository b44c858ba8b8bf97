using EduGov.Domain.Notifications;
using EduGov.Domain.Security;

namespace EduGov.Domain.Tests.Notifications;

public sealed class ReminderTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTime Now = new(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(0, true)]
    [InlineData(-1, false)]
    public void FilingDeadline_WithinSevenDaysUpToTheDeadline_Reminds(int daysLeft, bool reminds)
    {
        (Reminders.FilingDeadline(5, 2, "2026年度填报", Today.AddDays(daysLeft), submitted: false, Today) is not null).ShouldBe(reminds);
    }

    [Fact]
    public void FilingDeadline_Submitted_DoesNotRemind()
    {
        Reminders.FilingDeadline(5, 2, "2026年度填报", Today.AddDays(3), submitted: true, Today).ShouldBeNull();
    }

    [Fact]
    public void FilingDeadline_OnTheDay_SaysItClosesToday()
    {
        var reminder = Reminders.FilingDeadline(5, 2, "2026年度填报", Today, submitted: false, Today)!;
        (reminder.UnitId, reminder.Subject).ShouldBe((5, "filing:2:5:soon"));
        reminder.Body.ShouldContain("今天截止");
    }

    [Fact]
    public void ItemOverdue_FromTheDayAfterTheDeadline()
    {
        Reminders.ItemOverdue("rectification", 5, 9, "补齐网络安全制度", Today, Today, "/supervision/rectifications").ShouldBeNull();
        var reminder = Reminders.ItemOverdue("rectification", 5, 9, "补齐网络安全制度", Today.AddDays(-1), Today, "/supervision/rectifications")!;
        (reminder.Subject, reminder.Title).ShouldBe(("rectification:9:overdue", "整改事项已逾期"));
        reminder.Body.ShouldContain("已逾期 1 天");
    }

    [Fact]
    public void AssessmentDue_SoonAndOverdue_AreSeparateStages()
    {
        Reminders.AssessmentDue(5, 3, "教务系统", new AssessmentDue(Today.AddDays(10), DueState.DueSoon, 10))!.Subject.ShouldBe("assessment:3:soon");
        Reminders.AssessmentDue(5, 3, "教务系统", new AssessmentDue(Today.AddDays(-2), DueState.Overdue, -2))!.Body.ShouldContain("已逾期 2 天");
        Reminders.AssessmentDue(5, 3, "教务系统", new AssessmentDue(Today.AddDays(90), DueState.Current, 90)).ShouldBeNull();
    }

    [Fact]
    public void Refresh_UpdatesAnUnreadMessage_ButNotOneAlreadyRead()
    {
        var notification = Notification.Send("u1", Reminders.FilingDeadline(5, 2, "2026年度填报", Today.AddDays(3), false, Today)!, Now);
        notification.Refresh(Reminders.FilingDeadline(5, 2, "2026年度填报", Today.AddDays(3), false, Today.AddDays(1))!).ShouldBeTrue();
        notification.Body.ShouldContain("还剩 2 天");

        notification.MarkRead(Now);
        notification.Refresh(Reminders.FilingDeadline(5, 2, "2026年度填报", Today.AddDays(3), false, Today.AddDays(2))!).ShouldBeFalse();
        notification.Body.ShouldContain("还剩 2 天");
    }
}
