using EduGov.Domain.Common;
using EduGov.Domain.Security;

namespace EduGov.Domain.Tests.Security;

public sealed class AssessmentScheduleTests
{
    private static readonly DateOnly Registered = new(2024, 1, 10);
    private const int Level2Months = 24;

    [Theory]
    [InlineData(3, "2025-03-01", "2026-03-01")]
    [InlineData(4, "2025-03-01", "2025-09-01")]
    [InlineData(2, "2025-03-01", "2027-03-01")]
    public void Due_FollowsTheLevel(int level, string assessed, string due) =>
        AssessmentSchedule.Due(level, Registered, DateOnly.Parse(assessed), Level2Months, new DateOnly(2025, 4, 1)).DueOn.ShouldBe(DateOnly.Parse(due));

    [Fact]
    public void Due_Today_IsNotOverdue_TheDayAfter_Is()
    {
        var last = new DateOnly(2025, 3, 1);
        AssessmentSchedule.Due(3, Registered, last, Level2Months, new DateOnly(2026, 3, 1)).ShouldBe(new AssessmentDue(new DateOnly(2026, 3, 1), DueState.DueSoon, 0));
        AssessmentSchedule.Due(3, Registered, last, Level2Months, new DateOnly(2026, 3, 2)).State.ShouldBe(DueState.Overdue);
        AssessmentSchedule.HasCurrentAssessment(3, Registered, last, Level2Months, new DateOnly(2026, 3, 1)).ShouldBeTrue();
        AssessmentSchedule.HasCurrentAssessment(3, Registered, last, Level2Months, new DateOnly(2026, 3, 2)).ShouldBeFalse();
    }

    [Fact]
    public void Due_ThirtyDaysAhead_IsDueSoon_ThirtyOne_IsCurrent()
    {
        var last = new DateOnly(2025, 3, 1);
        AssessmentSchedule.Due(3, Registered, last, Level2Months, new DateOnly(2026, 1, 30)).State.ShouldBe(DueState.DueSoon);
        AssessmentSchedule.Due(3, Registered, last, Level2Months, new DateOnly(2026, 1, 29)).State.ShouldBe(DueState.Current);
    }

    [Fact]
    public void LevelRaisedAfterTheLastAssessment_MakesItDueAtOnce()
    {
        var raised = new DateOnly(2025, 6, 1);
        var due = AssessmentSchedule.Due(3, raised, new DateOnly(2025, 3, 1), Level2Months, new DateOnly(2025, 6, 2));
        (due.DueOn, due.State).ShouldBe((raised, DueState.Overdue));
        AssessmentSchedule.HasCurrentAssessment(3, raised, new DateOnly(2025, 3, 1), Level2Months, raised).ShouldBeFalse();
    }

    [Fact]
    public void NeverAssessed_IsDueFromRegistration_AndLevel1_NeverIs()
    {
        AssessmentSchedule.Due(3, Registered, null, Level2Months, Registered).State.ShouldBe(DueState.DueSoon);
        AssessmentSchedule.HasCurrentAssessment(3, Registered, null, Level2Months, Registered).ShouldBeFalse();
        AssessmentSchedule.Due(1, Registered, null, Level2Months, new DateOnly(2030, 1, 1)).State.ShouldBe(DueState.NotRequired);
    }

    [Fact]
    public void System_ChangingLevel_RestartsLevelSince_KeepingItOtherwise()
    {
        var details = new SystemDetails("智慧校园平台", "教学管理", "张工", 2, true, null, null, Hosting.GovernmentCloud);
        var system = InformationSystem.Register(1, details, Registered);

        system.Update(details with { Purpose = "教学与管理" }, new DateOnly(2025, 1, 1));
        system.LevelSince.ShouldBe(Registered);
        system.Update(details with { Level = 3 }, new DateOnly(2025, 6, 1));
        system.LevelSince.ShouldBe(new DateOnly(2025, 6, 1));
        Should.Throw<DomainException>(() => system.Update(details with { Level = 6 }, Registered)).Code.ShouldBe(ErrorCodes.LevelOutOfRange);
        Should.Throw<DomainException>(() => system.Update(details with { FilingNumber = "50010399001-00001" }, Registered)).Code.ShouldBe(ErrorCodes.Required);
    }
}

public sealed class RemediationItemTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static RemediationItem Item(RiskSeverity severity) =>
        RemediationItem.Raise(1, 2, FindingSource.Assessment, 3, SecurityLayer.Network, severity, "边界未部署入侵防范", "网络管理员", Today.AddDays(30), Today);

    [Fact]
    public void LowOrMedium_ClosesWhenFixedWithEvidence()
    {
        var item = Item(RiskSeverity.Medium);
        Should.Throw<DomainException>(() => item.Fix(" ", "admin1", Today)).Code.ShouldBe(ErrorCodes.Required);

        item.Fix("已部署 IPS，策略截图见附件", "admin1", Today);

        (item.Status, item.ClosedOn).ShouldBe((RemediationStatus.Closed, Today));
    }

    [Fact]
    public void High_NeedsASecondPerson_ToClose()
    {
        var item = Item(RiskSeverity.High);
        item.Fix("已部署 IPS", "admin1", Today);
        item.Status.ShouldBe(RemediationStatus.AwaitingReview);

        Should.Throw<DomainException>(() => item.Review(true, "admin1", Today)).Code.ShouldBe(ErrorCodes.SameReviewer);
        item.Review(true, "reviewer", Today.AddDays(1));

        (item.Status, item.ReviewedBy).ShouldBe((RemediationStatus.Closed, "reviewer"));
    }

    [Fact]
    public void High_ReturnedByTheReviewer_IsOpenAgain()
    {
        var item = Item(RiskSeverity.High);
        item.Fix("已整改", "admin1", Today);

        item.Review(false, "reviewer", Today);

        (item.Status, item.Evidence).ShouldBe((RemediationStatus.Open, null));
    }

    [Fact]
    public void Overdue_FromTheDayAfterTheDeadline_UntilClosed()
    {
        var item = Item(RiskSeverity.Low);
        (item.IsOverdue(item.Deadline), item.IsOverdue(item.Deadline.AddDays(1))).ShouldBe((false, true));
        item.Fix("已整改", "admin1", item.Deadline.AddDays(2));
        item.IsOverdue(item.Deadline.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void OverdueOn_TheQueryFilter_AgreesWithIsOverdue()
    {
        var item = Item(RiskSeverity.Low);
        foreach (var day in new[] { item.Deadline, item.Deadline.AddDays(1) })
            RemediationItem.OverdueOn(day).Compile()(item).ShouldBe(item.IsOverdue(day));
        item.Fix("已整改", "admin1", item.Deadline.AddDays(2));
        RemediationItem.OverdueOn(item.Deadline.AddDays(3)).Compile()(item).ShouldBeFalse();
    }

    [Fact]
    public void Raise_WithADeadlineAlreadyPassed_IsRefused() =>
        Should.Throw<DomainException>(() => RemediationItem.Raise(1, null, FindingSource.Inspection, 1, SecurityLayer.Management, RiskSeverity.Low,
            "制度缺失", "校长", Today.AddDays(-1), Today)).Code.ShouldBe(ErrorCodes.DeadlinePassed);
}

public sealed class ChecksAndIncidentsTests
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    [Fact]
    public void Drill_InTheFuture_OrWithoutAReport_IsRefused()
    {
        var drill = new CheckDetails(CheckKind.Drill, "攻防对抗演练", Today, "全区教育城域网", "区教委、12 所学校", "发现弱口令 2 处");
        SecurityCheck.Record(1, drill, Today).Kind.ShouldBe(CheckKind.Drill);
        Should.Throw<DomainException>(() => SecurityCheck.Record(1, drill with { HeldOn = Today.AddDays(1) }, Today)).Code.ShouldBe(ErrorCodes.DateInFuture);
        Should.Throw<DomainException>(() => SecurityCheck.Record(1, drill with { Report = "" }, Today)).Code.ShouldBe(ErrorCodes.Required);
    }

    [Fact]
    public void Incident_ClosesOnceWithItsHandling_NotBeforeItHappened()
    {
        var incident = Incident.Report(1, new IncidentDetails(new DateTime(2026, 2, 27, 9, 0, 0), IncidentCategory.Malware, RiskSeverity.Medium, "办公终端", "勒索病毒告警"),
            new DateTime(2026, 3, 1, 8, 0, 0));

        Should.Throw<DomainException>(() => incident.Close("隔离", new DateOnly(2026, 2, 26))).Code.ShouldBe(ErrorCodes.PeriodDatesReversed);
        incident.Close("隔离终端、查杀、恢复备份", Today);

        incident.ClosedOn.ShouldBe(Today);
        Should.Throw<DomainException>(() => incident.Close("again", Today)).Code.ShouldBe(ErrorCodes.RemediationWrongState);
    }
}
