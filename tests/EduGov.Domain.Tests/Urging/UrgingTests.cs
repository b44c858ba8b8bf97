using EduGov.Domain.Common;
using EduGov.Domain.Organisation;
using EduGov.Domain.Urging;
using EduGov.Domain.Tests.Supervision;

namespace EduGov.Domain.Tests.Urging;

public sealed class UrgingTests
{
    private static readonly DateOnly Today = Sample.Today;
    private static readonly DateOnly Deadline = Today.AddDays(7);
    private static readonly OrgUnit Changsha = OrgUnit.CreateRoot("430100", "长沙市");
    private static readonly OrgUnit Furong = Changsha.AddDistrict("430102", "芙蓉区");

    private static UrgingCase Issued(Role role = Role.Commission, OrgUnit? issuer = null, OrgUnit? target = null, DateOnly? deadline = null) =>
        UrgingCase.Issue(role, issuer ?? Sample.City, target ?? Sample.School, UrgingSubject.LateFiling, 12, "2026年度填报", "请于一周内完成 2026 年度填报",
            deadline ?? Deadline, Today, "commission", Sample.Now);

    private static UrgingCase Answered()
    {
        var urging = Issued();
        urging.Answer("网络管理员调岗，数据未及时汇总", "本周五前完成填报并提交区教委审核", "principal", Sample.Now.AddDays(2));
        return urging;
    }

    [Fact]
    public void Issue_ByTheCommission_ToItsDistrictsAndSchools_ByADistrict_ToItsSchools()
    {
        var urging = Issued();
        (urging.Status, urging.Round, urging.Deadline, urging.SubjectLabel).ShouldBe((UrgingStatus.Issued, 1, Deadline, "2026年度填报"));
        var step = urging.History.ShouldHaveSingleItem();
        (step.Action, step.By, step.Text, step.Deadline).ShouldBe((UrgingAction.Issued, "commission", "请于一周内完成 2026 年度填报", Deadline));
        Should.NotThrow(() => Issued(target: Sample.District));
        Should.NotThrow(() => Issued(target: Sample.OtherSchool));
        Should.NotThrow(() => Issued(Role.District, Sample.District, Sample.School));
    }

    [Theory]
    [InlineData(Role.District, "district", "school-elsewhere")]   // another district's school
    [InlineData(Role.District, "district", "district")]           // itself
    [InlineData(Role.District, "district", "other-district")]     // a peer
    [InlineData(Role.District, "district", "city")]               // upward
    [InlineData(Role.Commission, "city", "city")]                 // itself
    [InlineData(Role.Commission, "changsha", "school")]           // another city's school
    [InlineData(Role.Principal, "school", "school")]
    [InlineData(Role.Inspector, "city", "district")]
    [InlineData(Role.Admin, "city", "district")]
    public void Issue_OutsideWhatTheIssuerOversees_IsRefused(Role role, string issuer, string target)
    {
        var error = Should.Throw<DomainException>(() => Issued(role, Unit(issuer), Unit(target)));
        error.Code.ShouldBe(ErrorCodes.UrgingTargetNotAllowed);
    }

    [Fact]
    public void Issue_DueToday_IsAccepted_Yesterday_Or_MoreThanAYearAhead_IsRefused()
    {
        Should.NotThrow(() => Issued(deadline: Today));
        Should.Throw<DomainException>(() => Issued(deadline: Today.AddDays(-1))).Code.ShouldBe(ErrorCodes.UrgingDeadlinePassed);
        Should.Throw<DomainException>(() => Issued(deadline: Today.AddYears(1).AddDays(1))).Code.ShouldBe(ErrorCodes.UrgingDeadlineTooFar);
    }

    [Fact]
    public void Issue_WithoutARequirement_IsRefused() =>
        Should.Throw<DomainException>(() => UrgingCase.Issue(Role.Commission, Sample.City, Sample.School, UrgingSubject.LateFiling, 1, "填报", "  ", Deadline, Today,
            "commission", Sample.Now)).Args[0].ShouldBe("Requirement");

    [Fact]
    public void Answer_NeedsTheExplanationAndThePlan_AndIsKeptInTheHistory()
    {
        var urging = Issued();
        Should.Throw<DomainException>(() => urging.Answer("情况说明", " ", "principal", Sample.Now)).Args[0].ShouldBe("Plan");
        Should.Throw<DomainException>(() => urging.Answer("", "计划", "principal", Sample.Now)).Args[0].ShouldBe("Explanation");

        urging.Answer("网络管理员调岗", "本周五前完成", "principal", Sample.Now);

        (urging.Status, urging.Explanation, urging.Plan).ShouldBe((UrgingStatus.Answered, "网络管理员调岗", "本周五前完成"));
        urging.History.Last().Action.ShouldBe(UrgingAction.Answered);
        Should.Throw<DomainException>(() => urging.Answer("再答一次", "计划", "principal", Sample.Now)).Code.ShouldBe(ErrorCodes.UrgingWrongState);
    }

    [Fact]
    public void Close_OnlyOnceAnswered()
    {
        Should.Throw<DomainException>(() => Issued().Close(null, "commission", Sample.Now)).Code.ShouldBe(ErrorCodes.UrgingWrongState);
        var urging = Answered();
        urging.Close("答复可行，按计划落实", "commission", Sample.Now.AddDays(3));
        (urging.Status, urging.History.Last().Action, urging.History.Last().Text).ShouldBe((UrgingStatus.Closed, UrgingAction.Closed, "答复可行，按计划落实"));
        Should.Throw<DomainException>(() => urging.Press("再办", Deadline, Today, "commission", Sample.Now)).Code.ShouldBe(ErrorCodes.UrgingWrongState);
    }

    [Fact]
    public void Press_AfterAnAnswer_SetsANewDeadline_AndAsksAgain()
    {
        var urging = Answered();
        var later = Today.AddDays(20);

        urging.Press("答复未说明完成时间，请补充具体计划", later, Today, "commission", Sample.Now.AddDays(4));

        (urging.Status, urging.Round, urging.Deadline, urging.Explanation).ShouldBe((UrgingStatus.Issued, 2, later, (string?)null));
        urging.Requirement.ShouldBe("答复未说明完成时间，请补充具体计划");
        urging.History.Select(h => h.Action).ShouldBe([UrgingAction.Issued, UrgingAction.Answered, UrgingAction.Pressed]);
        urging.History.Last().Deadline.ShouldBe(later);
    }

    [Fact]
    public void IsOverdue_DueToday_IsNot_TheDayAfter_Is_UntilAnswered()
    {
        var urging = Issued();
        urging.IsOverdue(Deadline).ShouldBeFalse();
        urging.IsOverdue(Deadline.AddDays(1)).ShouldBeTrue();
        var filter = UrgingCase.OverdueOn(Deadline.AddDays(1)).Compile();
        filter(urging).ShouldBeTrue();
        UrgingCase.OverdueOn(Deadline).Compile()(urging).ShouldBeFalse();
        Answered().IsOverdue(Deadline.AddDays(30)).ShouldBeFalse();
    }

    [Fact]
    public void MarkOverdue_OncePerRound_AndAgainAfterAPress()
    {
        var urging = Issued();
        urging.MarkOverdue(Deadline, "计划任务", Sample.Now).ShouldBeFalse();
        urging.MarkOverdue(Deadline.AddDays(1), "计划任务", Sample.Now).ShouldBeTrue();
        urging.MarkOverdue(Deadline.AddDays(2), "计划任务", Sample.Now).ShouldBeFalse();
        urging.WasOverdue.ShouldBeTrue();

        var today = Deadline.AddDays(2);
        urging.Press("请立即答复", today.AddDays(3), today, "commission", Sample.Now);
        urging.MarkOverdue(today.AddDays(3), "计划任务", Sample.Now).ShouldBeFalse();
        urging.MarkOverdue(today.AddDays(4), "计划任务", Sample.Now).ShouldBeTrue();
        urging.History.Count(h => h.Action == UrgingAction.Overdue).ShouldBe(2);
    }

    [Fact]
    public void Escalate_OnlyWhenUnansweredPastTheGraceDays_AndOnlyOnce()
    {
        var urging = Issued();
        var graceEnds = Deadline.AddDays(UrgingCase.EscalationDays);
        urging.Escalate(7, "渝中区", graceEnds, "计划任务", Sample.Now).ShouldBeFalse();
        urging.Escalate(7, "渝中区", graceEnds.AddDays(1), "计划任务", Sample.Now).ShouldBeTrue();
        (urging.EscalatedToUnitId, urging.IsEscalated).ShouldBe((7, true));
        urging.History.Last().Text.ShouldBe("渝中区");

        // Pressed again and ignored again: it has already gone up.
        var today = graceEnds.AddDays(1);
        urging.Press("请立即答复", today, today, "commission", Sample.Now);
        urging.Escalate(7, "渝中区", today.AddDays(30), "计划任务", Sample.Now).ShouldBeFalse();
        urging.History.Count(h => h.Action == UrgingAction.Escalated).ShouldBe(1);
    }

    [Fact]
    public void Escalate_AnAnsweredUrging_NeverGoesUp() =>
        Answered().Escalate(7, "渝中区", Deadline.AddDays(30), "计划任务", Sample.Now).ShouldBeFalse();

    [Fact]
    public void MayAnswer_OnlyTheTargetUnitsOwnStaff()
    {
        UrgingRules.MayAnswer(Scope(Role.Principal, Sample.School), Sample.School.Path, OrgUnitKind.School).ShouldBeTrue();
        UrgingRules.MayAnswer(Scope(Role.District, Sample.District), Sample.School.Path, OrgUnitKind.School).ShouldBeFalse();
        UrgingRules.MayAnswer(Scope(Role.Commission, Sample.City), Sample.School.Path, OrgUnitKind.School).ShouldBeFalse();
        UrgingRules.MayAnswer(Scope(Role.Principal, Sample.OtherSchool), Sample.School.Path, OrgUnitKind.School).ShouldBeFalse();
        UrgingRules.MayAnswer(Scope(Role.District, Sample.District), Sample.District.Path, OrgUnitKind.District).ShouldBeTrue();
        UrgingRules.MayAnswer(Scope(Role.Inspector, Sample.District), Sample.District.Path, OrgUnitKind.District).ShouldBeFalse();
    }

    [Fact]
    public void MayDecide_OnlyTheIssuingUnitsStaff()
    {
        UrgingRules.MayDecide(Scope(Role.Commission, Sample.City), Sample.City.Path, OrgUnitKind.City).ShouldBeTrue();
        UrgingRules.MayDecide(Scope(Role.Inspector, Sample.City), Sample.City.Path, OrgUnitKind.City).ShouldBeFalse();
        UrgingRules.MayDecide(Scope(Role.District, Sample.District), Sample.City.Path, OrgUnitKind.City).ShouldBeFalse();
        UrgingRules.MayDecide(Scope(Role.Commission, Changsha), Sample.City.Path, OrgUnitKind.City).ShouldBeFalse();
        UrgingRules.MayDecide(Scope(Role.District, Sample.District), Sample.District.Path, OrgUnitKind.District).ShouldBeTrue();
        UrgingRules.MayDecide(Scope(Role.Admin, null), Sample.City.Path, OrgUnitKind.City).ShouldBeFalse();
    }

    [Fact]
    public void SuperiorPath_IsTheTargetsSuperior_OrAboveTheIssuerWhenThatIsTheIssuer()
    {
        UrgingRules.SuperiorPath(Sample.School.Path, Sample.City.Path).ShouldBe(Sample.District.Path);   // commission → school: its district
        UrgingRules.SuperiorPath(Sample.School.Path, Sample.District.Path).ShouldBe(Sample.City.Path);   // district → school: the city
        UrgingRules.SuperiorPath(Sample.District.Path, Sample.City.Path).ShouldBe(Sample.City.Path);     // commission → district: stays with the city
    }

    private static AccessScope Scope(Role role, OrgUnit? unit) => new("someone", role, unit?.Path);

    private static OrgUnit Unit(string name) => name switch
    {
        "city" => Sample.City,
        "district" => Sample.District,
        "other-district" => Sample.OtherDistrict,
        "school" => Sample.School,
        "school-elsewhere" => Sample.OtherSchool,
        "changsha" => Changsha,
        _ => Furong,
    };
}
