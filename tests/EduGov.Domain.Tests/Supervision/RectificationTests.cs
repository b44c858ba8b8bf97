using EduGov.Domain.Common;
using EduGov.Domain.Supervision;

namespace EduGov.Domain.Tests.Supervision;

public sealed class RectificationTests
{
    private static readonly DateOnly Deadline = Sample.Today.AddDays(30);

    private static RectificationItem Raised(DateOnly? deadline = null) =>
        RectificationItem.Raise(Sample.Recorded(), Sample.District, Sample.School, "完善网络安全应急预案并组织演练", deadline ?? Deadline, "inspector", Sample.Now);

    private static RectificationItem Answered(DateOnly? deadline = null)
    {
        var item = Raised(deadline);
        item.AnswerWith("已修订应急预案并于10月组织演练", 1, "principal", Sample.Now.AddDays(5));
        return item;
    }

    [Fact]
    public void Raise_ForTheInspectedUnit_OrOneOfItsSchools()
    {
        var item = Raised();
        (item.Status, item.Requirement, item.Deadline).ShouldBe((RectificationStatus.Open, "完善网络安全应急预案并组织演练", Deadline));
        item.History.Single().Action.ShouldBe(RectificationAction.Raised);
        Should.NotThrow(() => RectificationItem.Raise(Sample.Recorded(), Sample.District, Sample.District, "整改", Deadline, "inspector", Sample.Now));
        Should.NotThrow(() => RectificationItem.Raise(Sample.Recorded(Sample.School), Sample.School, Sample.School, "整改", Deadline, "inspector", Sample.Now));
    }

    [Fact]
    public void Raise_ForAUnitOutsideTheInspectedOne_IsRefused()
    {
        foreach (var outside in new[] { Sample.OtherSchool, Sample.OtherDistrict, Sample.City })
            Should.Throw<DomainException>(() => RectificationItem.Raise(Sample.Recorded(), Sample.District, outside, "整改", Deadline, "inspector", Sample.Now))
                .Code.ShouldBe(ErrorCodes.ResponsibleUnitOutside);
        Should.Throw<DomainException>(() => RectificationItem.Raise(Sample.Recorded(Sample.School), Sample.School, Sample.District, "整改", Deadline, "inspector", Sample.Now))
            .Code.ShouldBe(ErrorCodes.ResponsibleUnitOutside);
    }

    [Fact]
    public void Raise_OnAnInspectionNotYetRecorded_IsRefused()
    {
        var planned = Inspection.Plan(Sample.District, 1, Sample.Today, "inspector");
        Should.Throw<DomainException>(() => RectificationItem.Raise(planned, Sample.District, Sample.School, "整改", Deadline, "inspector", Sample.Now))
            .Code.ShouldBe(ErrorCodes.InspectionWrongState);
    }

    [Fact]
    public void Raise_DueOnTheInspectionDay_IsAccepted_TheDayBefore_IsRefused()
    {
        var inspection = Sample.Recorded(on: Sample.Today.AddDays(-10));
        Should.NotThrow(() => RectificationItem.Raise(inspection, Sample.District, Sample.School, "整改", Sample.Today.AddDays(-10), "inspector", Sample.Now));
        var error = Should.Throw<DomainException>(() => RectificationItem.Raise(inspection, Sample.District, Sample.School, "整改", Sample.Today.AddDays(-11), "inspector", Sample.Now));
        (error.Code, error.Args[0]).ShouldBe((ErrorCodes.DeadlineBeforeInspection, Sample.Today.AddDays(-10)));
    }

    [Fact]
    public void IsOverdue_DueToday_IsNot_TheDayAfter_Is()
    {
        var item = Raised(Deadline);
        item.IsOverdue(Deadline).ShouldBeFalse();
        item.IsOverdue(Deadline.AddDays(1)).ShouldBeTrue();
    }

    [Fact]
    public void IsOverdue_AnsweredAfterTheDeadline_StillIs_AcceptedAfterIt_IsNot()
    {
        var item = Answered(Deadline);
        item.IsOverdue(Deadline.AddDays(3)).ShouldBeTrue();
        item.Accept("inspector", Sample.Now.AddDays(40));
        item.IsOverdue(Deadline.AddDays(3)).ShouldBeFalse();
    }

    [Fact]
    public void OverdueOn_TheQueryFilter_AgreesWithIsOverdue_AtTheBoundaries()
    {
        var (open, accepted) = (Raised(Deadline), Answered(Deadline));
        accepted.Accept("inspector", Sample.Now.AddDays(40));
        foreach (var day in new[] { Deadline, Deadline.AddDays(1) })
            foreach (var item in new[] { open, accepted })
                RectificationItem.OverdueOn(day).Compile()(item).ShouldBe(item.IsOverdue(day));
    }

    [Fact]
    public void Answer_WithoutEvidence_OrWithoutText_IsRefused()
    {
        var item = Raised();
        Should.Throw<DomainException>(() => item.AnswerWith("已整改", 0, "principal", Sample.Now)).Code.ShouldBe(ErrorCodes.EvidenceRequired);
        Should.Throw<DomainException>(() => item.AnswerWith(" ", 1, "principal", Sample.Now)).Args[0].ShouldBe("Answer");
        item.Status.ShouldBe(RectificationStatus.Open);
    }

    [Fact]
    public void Accept_OrReopen_AnItemNotAnswered_IsRefused()
    {
        var item = Raised();
        Should.Throw<DomainException>(() => item.Accept("inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.RectificationWrongState);
        Should.Throw<DomainException>(() => item.Reopen("材料不全", "inspector", Sample.Now)).Code.ShouldBe(ErrorCodes.RectificationWrongState);
        var accepted = Answered();
        accepted.Accept("inspector", Sample.Now);
        Should.Throw<DomainException>(() => accepted.AnswerWith("再次答复", 1, "principal", Sample.Now)).Code.ShouldBe(ErrorCodes.RectificationWrongState);
    }

    [Fact]
    public void Reopen_NeedsAReason_AndTheUnitAnswersAgain_EveryStepKept()
    {
        var item = Answered();
        Should.Throw<DomainException>(() => item.Reopen("", "inspector", Sample.Now)).Args[0].ShouldBe("Reason");

        item.Reopen("演练记录缺少参演人员签到表", "inspector", Sample.Now.AddDays(6));
        (item.Status, item.Answer).ShouldBe((RectificationStatus.Open, null));
        item.AnswerWith("补充签到表及演练照片", 2, "principal", Sample.Now.AddDays(8));
        item.Accept("inspector", Sample.Now.AddDays(9));

        item.Status.ShouldBe(RectificationStatus.Accepted);
        item.History.Select(s => (s.Action, s.By, s.Text)).ShouldBe([
            (RectificationAction.Raised, "inspector", "完善网络安全应急预案并组织演练"),
            (RectificationAction.Answered, "principal", "已修订应急预案并于10月组织演练"),
            (RectificationAction.Reopened, "inspector", "演练记录缺少参演人员签到表"),
            (RectificationAction.Answered, "principal", "补充签到表及演练照片"),
            (RectificationAction.Accepted, "inspector", null),
        ]);
    }
}
