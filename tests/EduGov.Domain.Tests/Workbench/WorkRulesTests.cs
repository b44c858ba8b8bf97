using EduGov.Domain.Designations;
using EduGov.Domain.Workbench;

namespace EduGov.Domain.Tests.Workbench;

public sealed class WorkRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static WorkItem Due(WorkKind kind, int daysFromToday, string subject = "2026年度") =>
        new(kind, subject, "/filing") { Date = Today.AddDays(daysFromToday) };

    private static WorkItem Waiting(WorkKind kind, int daysAgo, string subject = "2026年度") =>
        new(kind, subject, "/filing") { Date = Today.AddDays(-daysAgo), DateMeaning = DateMeaning.Waiting };

    [Theory]
    [InlineData(-1, Urgency.Overdue)]
    [InlineData(0, Urgency.DueSoon)]
    [InlineData(7, Urgency.DueSoon)]
    [InlineData(8, Urgency.Normal)]
    public void Judge_ADeadline_IsOverdueFromTheDayAfter_AndDueSoonWithinAWeek(int daysLeft, Urgency expected)
    {
        var task = WorkRules.Judge(Due(WorkKind.FilingNotStarted, daysLeft), Today);

        task.Urgency.ShouldBe(expected);
        task.Days.ShouldBe(daysLeft);
    }

    [Theory]
    [InlineData(30, Urgency.DueSoon)]
    [InlineData(31, Urgency.Normal)]
    public void Judge_AnAssessment_IsDueSoonWithinThirtyDays_AsOnTheSecurityPage(int daysLeft, Urgency expected)
    {
        WorkRules.Judge(Due(WorkKind.AssessmentDue, daysLeft), Today).Urgency.ShouldBe(expected);
    }

    [Fact]
    public void Judge_APlannedDayThatHasPassed_IsOverdue()
    {
        var task = WorkRules.Judge(Due(WorkKind.InspectionPlanned, -3) with { DateMeaning = DateMeaning.Planned }, Today);

        (task.Urgency, task.Days).ShouldBe((Urgency.Overdue, -3));
    }

    [Fact]
    public void Judge_AWaitingTask_IsNormal_AndCountsTheDaysWaited()
    {
        var task = WorkRules.Judge(Waiting(WorkKind.FilingsToReview, 40), Today);

        (task.Urgency, task.Days).ShouldBe((Urgency.Normal, 40));
    }

    [Fact]
    public void Judge_AFailedJob_IsAnAlertWhateverItsDate()
    {
        var task = WorkRules.Judge(Waiting(WorkKind.JobFailed, 0, "SendReminders"), Today);

        (task.Urgency, task.Days).ShouldBe((Urgency.Alert, 0));
    }

    [Fact]
    public void Judge_WithoutADate_IsNormal_WithNoDays()
    {
        var task = WorkRules.Judge(new WorkItem(WorkKind.FilingSubmitted, "2026年度", "/filing"), Today);

        (task.Urgency, task.Days).ShouldBe((Urgency.Normal, (int?)null));
    }

    [Fact]
    public void Arrange_PutsAlertsThenOverdueThenDueSoonThenTheRest()
    {
        var list = WorkRules.Arrange(
        [
            Waiting(WorkKind.UnreadNotifications, 2, "消息"),
            Due(WorkKind.FilingNotStarted, 15),
            Due(WorkKind.RectificationToAnswer, 3, "整改 A"),
            Due(WorkKind.AssessmentDue, -100, "校园平台"),
            Waiting(WorkKind.JobFailed, 1, "SendReminders"),
        ], Today);

        list.Groups.Select(g => g.Kind).ShouldBe([WorkKind.JobFailed, WorkKind.AssessmentDue, WorkKind.RectificationToAnswer,
            WorkKind.FilingNotStarted, WorkKind.UnreadNotifications]);
        (list.Alerts, list.Overdue, list.DueSoon, list.Total).ShouldBe((1, 1, 1, 5));
    }

    [Fact]
    public void Arrange_WithinAKind_TheLongestOverdueAndThenTheNearestDeadlineComeFirst()
    {
        var list = WorkRules.Arrange([Due(WorkKind.RectificationToAnswer, 20, "C"), Due(WorkKind.RectificationToAnswer, -2, "B"),
            Due(WorkKind.RectificationToAnswer, -10, "A"), Due(WorkKind.RectificationToAnswer, 5, "D")], Today);

        list.Groups.Single().Tasks.Select(t => t.Item.Subject).ShouldBe(["A", "B", "D", "C"]);
    }

    [Fact]
    public void Arrange_WaitingTasks_TheOldestFirst()
    {
        var list = WorkRules.Arrange([Waiting(WorkKind.ReviewToScore, 1, "新"), Waiting(WorkKind.ReviewToScore, 9, "旧")], Today);

        list.Groups.Single().Tasks.Select(t => t.Item.Subject).ShouldBe(["旧", "新"]);
    }

    [Fact]
    public void Arrange_DistrictsWithTheSameDeadline_TheLaggingOnesFirst()
    {
        WorkItem District(string name, int done) => Due(WorkKind.DistrictFilingBehind, 15, name) with { Done = done, Total = 100, Count = 100 - done };

        var list = WorkRules.Arrange([District("渝中区", 80), District("万州区", 35), District("渝北区", 60)], Today);

        list.Groups.Single().Tasks.Select(t => t.Item.Subject).ShouldBe(["万州区", "渝北区", "渝中区"]);
    }

    [Fact]
    public void Arrange_GroupsOfTheSameUrgency_FollowTheOrderOfTheKinds()
    {
        var list = WorkRules.Arrange([Waiting(WorkKind.UnreadNotifications, 1), Waiting(WorkKind.FilingsToReview, 1), Waiting(WorkKind.ApplicationsToRecommend, 1)], Today);

        list.Groups.Select(g => g.Kind).ShouldBe([WorkKind.FilingsToReview, WorkKind.ApplicationsToRecommend, WorkKind.UnreadNotifications]);
    }

    [Fact]
    public void Arrange_NoTasks_IsAnEmptyList()
    {
        var list = WorkRules.Arrange([], Today);

        (list.Groups.Count, list.Total).ShouldBe((0, 0));
    }

    [Fact]
    public void Group_CountsWhatItsTasksStandFor()
    {
        var list = WorkRules.Arrange([Due(WorkKind.SchoolsNotStarted, 15, "2026年度") with { Count = 12 }, Due(WorkKind.SchoolsNotStarted, 40, "2027年度") with { Count = 3 }], Today);

        list.Groups.Single().Count.ShouldBe(15);
    }

    [Fact]
    public void DonePercent_IsTheShareDone_ToOneDecimal_AndNothingWithoutATotal()
    {
        (Due(WorkKind.SchoolsNotStarted, 1) with { Done = 2, Total = 3 }).DonePercent.ShouldBe(66.7m);
        (Due(WorkKind.SchoolsNotStarted, 1) with { Done = 0, Total = 0 }).DonePercent.ShouldBeNull();
    }

    [Fact]
    public void Shorten_CutsLongTextWithAnEllipsis_AndKeepsShortText()
    {
        WorkRules.Shorten("  补齐制度  ").ShouldBe("补齐制度");
        var cut = WorkRules.Shorten(new string('整', 100));
        cut.Length.ShouldBe(WorkRules.SubjectLength);
        cut.ShouldEndWith("…");
    }

    [Fact]
    public void EveryKind_BelongsToAnArea()
    {
        foreach (var kind in Enum.GetValues<WorkKind>()) Enum.IsDefined(WorkRules.AreaOf(kind)).ShouldBeTrue();
    }

    [Fact]
    public void State_KeepsTheEnumItNames()
    {
        var item = new WorkItem(WorkKind.ApplicationPending, "市级智慧校园建设示范学校", "/applications/3") { State = ApplicationStatus.Recommended };

        item.State.ShouldBe(ApplicationStatus.Recommended);
    }
}
