using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Filing;

public sealed class SchoolFilingTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc);
    private static readonly SchoolProfile School = new(SchoolType.Primary, false, 1000, 60, 24, 26);

    public static SchoolSurvey Complete() => new()
    {
        DownlinkMbps = 1000, UplinkMbps = 100, HasFibre = true, HasIpv6 = true, Wireless = WirelessCoverage.Full,
        Classrooms = 26, MultimediaClassrooms = 26, InteractiveClassrooms = 12, StudentTerminals = 150, TeacherTerminals = 60,
        SmartClassrooms = 2, MakerSpaces = 1, Teachers = 60, TeachersWithSpace = 60, StudentsGrade3Up = 600, StudentsWithSpace = 580,
        UsesSpecialDelivery = false, UsesFamousTeacher = true, UsesFamousSchool = true, ProgrammingHours = 36,
        SurveillancePoints = 40, SurveillancePointsConnected = 38, CanteenConnected = true, GateConnected = true, PlaygroundConnected = true,
        HasCampusSystem = true,
    };

    private static string CodeOf(Action action) => Should.Throw<DomainException>(action).Code;

    [Fact]
    public void Start_FromLastPeriod_CopiesTheFiguresButNotTheNarrative()
    {
        var filing = SchoolFiling.Start(2, 7, Complete() with { Narrative = "去年" }, Now);
        filing.Survey.Classrooms.ShouldBe(26);
        filing.Survey.Narrative.ShouldBeNull();
        filing.Status.ShouldBe(FilingStatus.Draft);
    }

    [Fact]
    public void Submit_Incomplete_IsRefused()
    {
        var filing = SchoolFiling.Start(1, 7, null, Now);
        filing.SaveDraft(new SchoolSurvey { Classrooms = 20 }, [], "principal", Now);
        CodeOf(() => filing.Submit("principal", Now)).ShouldBe(ErrorCodes.FilingIncomplete);
        filing.Status.ShouldBe(FilingStatus.Draft);
    }

    [Fact]
    public void SaveDraft_InvalidFigures_IsRefusedAndKeepsThePreviousSurvey()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        CodeOf(() => filing.SaveDraft(Complete() with { InteractiveClassrooms = 30 }, [], "principal", Now)).ShouldBe(ErrorCodes.FilingInvalid);
        filing.Survey.InteractiveClassrooms.ShouldBe(12);
    }

    [Fact]
    public void Workflow_SubmitReturnFixResubmitApprove_RecordsEveryStep()
    {
        var filing = SchoolFiling.Start(1, 7, null, Now);
        filing.SaveDraft(Complete(), [], "principal", Now);
        filing.Submit("principal", Now);
        filing.Return("互动式教室数与上年差异较大，请核实", [], "district", Now);
        filing.IsEditable.ShouldBeTrue();
        filing.SaveDraft(Complete() with { InteractiveClassrooms = 10 }, [], "principal", Now);
        filing.Submit("principal", Now);
        filing.Approve(School, "district", Now);

        filing.Status.ShouldBe(FilingStatus.Approved);
        filing.Contribution!.InteractiveClassrooms.ShouldBe(10);
        filing.History.Select(h => h.Action).ShouldBe([FilingAction.Saved, FilingAction.Submitted, FilingAction.Returned,
            FilingAction.Saved, FilingAction.Submitted, FilingAction.Approved]);
        filing.History[3].Changes!.ShouldContain("InteractiveClassrooms: 12 → 10");
        filing.History[2].Comment!.ShouldContain("请核实");
    }

    [Fact]
    public void Steps_OutOfOrder_AreRefused()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        CodeOf(() => filing.Approve(School, "district", Now)).ShouldBe(ErrorCodes.FilingWrongState);
        CodeOf(() => filing.Return("x", [], "district", Now)).ShouldBe(ErrorCodes.FilingWrongState);
        CodeOf(() => filing.Reopen("x", "commission", Now)).ShouldBe(ErrorCodes.FilingWrongState);
        filing.Submit("principal", Now);
        CodeOf(() => filing.SaveDraft(Complete(), [], "principal", Now)).ShouldBe(ErrorCodes.FilingWrongState);
        CodeOf(() => filing.Submit("principal", Now)).ShouldBe(ErrorCodes.FilingWrongState);
    }

    [Fact]
    public void Return_WithoutAComment_IsRefused()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        filing.Submit("principal", Now);
        CodeOf(() => filing.Return(" ", [], "district", Now)).ShouldBe(ErrorCodes.ReturnNeedsReason);
    }

    [Fact]
    public void AFlaggedFigure_MustBeExplained_BeforeTheFilingIsSubmitted()
    {
        var flag = new FilingFlag(nameof(SchoolSurvey.StudentTerminals), FlagKind.Bounds, 300, 150);
        var filing = SchoolFiling.Start(1, 7, null, Now);
        filing.SaveDraft(Complete(), FilingChecks.Explain([flag], null), "principal", Now);
        CodeOf(() => filing.Submit("principal", Now)).ShouldBe(ErrorCodes.FilingUnexplained);
        filing.Status.ShouldBe(FilingStatus.Draft);

        filing.SaveDraft(Complete(), FilingChecks.Explain([flag], new Dictionary<string, string?> { [flag.Field] = "  " }), "principal", Now);
        CodeOf(() => filing.Submit("principal", Now)).ShouldBe(ErrorCodes.FilingUnexplained);   // blank is no explanation

        filing.SaveDraft(Complete(), FilingChecks.Explain([flag], new Dictionary<string, string?> { [flag.Field] = " 含平板电脑租赁 " }), "principal", Now);
        filing.Submit("principal", Now);
        filing.Flags.ShouldBe([flag with { Explanation = "含平板电脑租赁" }]);
    }

    [Fact]
    public void AnExplanation_HasItsLimit()
    {
        var flag = new FilingFlag(nameof(SchoolSurvey.StudentTerminals), FlagKind.Bounds, 300, 150);
        CodeOf(() => FilingChecks.Explain([flag], new Dictionary<string, string?> { [flag.Field] = new string('长', FilingFlag.MaxExplanation + 1) }))
            .ShouldBe(ErrorCodes.TooLong);
    }

    [Fact]
    public void Return_NamingFields_KeepsEachReason_AndWhatWasSubmitted()
    {
        var filing = SchoolFiling.Start(1, 7, null, Now);
        filing.SaveDraft(Complete(), [], "principal", Now);
        filing.Submit("principal", Now);
        filing.Return(null, [new(nameof(SchoolSurvey.StudentTerminals), " 请核对终端台账 "), new(nameof(SchoolSurvey.StudentTerminals), "重复")], "district", Now);

        filing.Status.ShouldBe(FilingStatus.Returned);
        filing.ReturnComment.ShouldBeNull();
        filing.ReturnedFields.ShouldBe([new ReturnedField(nameof(SchoolSurvey.StudentTerminals), "请核对终端台账")]);
        filing.PreviousSubmission.ShouldBe(Complete());
        filing.History[^1].Changes.ShouldBe("StudentTerminals: 请核对终端台账");

        filing.SaveDraft(Complete() with { StudentTerminals = 140 }, [], "principal", Now);
        filing.Submit("principal", Now);
        filing.ReturnedFields.ShouldNotBeEmpty();   // the reviewer sees what was asked
        filing.Approve(School, "district", Now);
        filing.ReturnedFields.ShouldBeEmpty();
    }

    [Fact]
    public void Return_ANamedFieldNeedsItsReason_AndAKnownName()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        filing.Submit("principal", Now);
        CodeOf(() => filing.Return("总体", [new(nameof(SchoolSurvey.StudentTerminals), " ")], "district", Now)).ShouldBe(ErrorCodes.Required);
        CodeOf(() => filing.Return(null, [new("Salary", "x")], "district", Now)).ShouldBe(ErrorCodes.FilingInvalid);
        filing.Status.ShouldBe(FilingStatus.Submitted);
    }

    [Theory]
    [InlineData(1.2, 10, 3.5, 8)]
    [InlineData(3, -1, 3.5, 8)]
    [InlineData(3, 10, 1, 8)]
    [InlineData(3, 10, 3.5, 2)]
    public void Thresholds_OutOfRange_AreRefused(decimal jump, decimal floor, decimal score, int peers) =>
        CodeOf(() => ReportingPeriod.Create(1, new PeriodDetails("2026年度", 2026, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30),
            new QualityThresholds(jump, floor, score, peers)))).ShouldBe(ErrorCodes.ThresholdOutOfRange);

    [Fact]
    public void Reopen_StopsTheFilingCounting_UntilApprovedAgain()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        filing.Submit("principal", Now);
        filing.Approve(School, "district", Now);
        filing.Reopen("抽查发现数据有误", "commission", Now);

        filing.Status.ShouldBe(FilingStatus.Returned);
        filing.Contribution.ShouldBeNull();
        filing.PreviousSubmission.ShouldBe(Complete());
    }

    [Fact]
    public void EveryStep_ChangesTheVersion()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        var before = filing.Version;
        filing.SaveDraft(Complete(), [], "principal", Now);
        filing.Version.ShouldNotBe(before);
    }

    [Theory]
    [InlineData(2026, 11, 30, true)]
    [InlineData(2026, 12, 1, false)]
    [InlineData(2026, 10, 31, false)]
    [InlineData(2026, 11, 1, true)]
    public void Period_IsOpenFromOpeningToDeadline(int y, int m, int d, bool open) =>
        ReportingPeriod.Create(1, new PeriodDetails("2026年度", 2026, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)))
            .IsOpenOn(new DateOnly(y, m, d)).ShouldBe(open);
    private static readonly AccessScope Principal = new("principal", Role.Principal, "/500000/500103/5001030001/");
    private static readonly AccessScope District = new("district", Role.District, "/500000/500103/");
    private static readonly AccessScope Commission = new("commission", Role.Commission, "/500000/");
    private const string SchoolPath = "/500000/500103/5001030001/";

    [Fact]
    public void StepFor_ApprovedFiling_IsView_ForEveryone()
    {
        foreach (var viewer in new[] { Principal, District, Commission })
            SchoolFiling.StepFor(FilingStatus.Approved, viewer, SchoolPath, periodOpen: true).ShouldBe(FilingStep.View);
    }

    [Fact]
    public void StepFor_SubmittedFiling_IsReview_ForItsDistrictOnly()
    {
        SchoolFiling.StepFor(FilingStatus.Submitted, District, SchoolPath, periodOpen: true).ShouldBe(FilingStep.Review);
        SchoolFiling.StepFor(FilingStatus.Submitted, District, "/500000/500104/5001040001/", periodOpen: true).ShouldBe(FilingStep.View);
        SchoolFiling.StepFor(FilingStatus.Submitted, Principal, SchoolPath, periodOpen: true).ShouldBe(FilingStep.View);
        SchoolFiling.StepFor(FilingStatus.Submitted, Commission, SchoolPath, periodOpen: true).ShouldBe(FilingStep.View);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(FilingStatus.Draft)]
    [InlineData(FilingStatus.Returned)]
    public void StepFor_UnsubmittedFiling_IsFill_ForThePrincipalWhileOpen_ViewOtherwise(FilingStatus? status)
    {
        SchoolFiling.StepFor(status, Principal, SchoolPath, periodOpen: true).ShouldBe(FilingStep.Fill);
        SchoolFiling.StepFor(status, Principal, SchoolPath, periodOpen: false).ShouldBe(FilingStep.View);
        SchoolFiling.StepFor(status, District, SchoolPath, periodOpen: true).ShouldBe(FilingStep.View);
    }

    [Fact]
    public void ChangedFigures_AreTyped_SoTheyCanBeShownAsYesNoAndNumbers()
    {
        var filing = SchoolFiling.Start(1, 7, Complete() with { PlaygroundConnected = false, Wireless = null }, Now);
        filing.SaveDraft(Complete() with { StudentTerminals = 1500, Narrative = "第一行\n第二行" }, [], "principal", Now);

        filing.History[^1].ChangedFigures().ShouldBe([
            new FilingChange(nameof(SchoolSurvey.Wireless), null, WirelessCoverage.Full),
            new FilingChange(nameof(SchoolSurvey.StudentTerminals), 150, 1500),
            new FilingChange(nameof(SchoolSurvey.PlaygroundConnected), false, true),
            new FilingChange(nameof(SchoolSurvey.Narrative), null, "第一行 第二行"),
        ], ignoreOrder: true);
        filing.History[^1].ReturnedFigures().ShouldBeEmpty();
    }

    [Fact]
    public void ChangedFigures_OfAnOlderRecord_ReadTheTextItWrote()
    {
        var step = FilingWith(FilingAction.Saved, "PlaygroundConnected: False → True\nClassrooms: — → 12\nGone: a → b");

        step.ChangedFigures().ShouldBe([
            new FilingChange("PlaygroundConnected", false, true),
            new FilingChange("Classrooms", null, 12),
            new FilingChange("Gone", "a", "b"),
        ]);
    }

    [Fact]
    public void ReturnedFigures_OfAReturn_AreTheFieldsAndTheirReasons()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        filing.Submit("principal", Now);
        filing.Return(null, [new(nameof(SchoolSurvey.StudentTerminals), "请核对终端台账")], "district", Now);

        filing.History[^1].ReturnedFigures().ShouldBe([new ReturnedField(nameof(SchoolSurvey.StudentTerminals), "请核对终端台账")]);
        filing.History[^1].ChangedFigures().ShouldBeEmpty();
    }

    [Fact]
    public void Approval_IsTheLastApprovalStep_OnlyWhileApproved()
    {
        var filing = SchoolFiling.Start(1, 7, Complete(), Now);
        filing.Submit("principal", Now);
        filing.Approval.ShouldBeNull();
        filing.Approve(School, "district", Now.AddHours(1));

        filing.Approval!.By.ShouldBe("district");
        filing.Approval.AtUtc.ShouldBe(Now.AddHours(1));
        filing.Reopen("抽查", "commission", Now.AddHours(2));
        filing.Approval.ShouldBeNull();
    }

    private static FilingEvent FilingWith(FilingAction action, string changes)
    {
        var step = (FilingEvent)Activator.CreateInstance(typeof(FilingEvent), nonPublic: true)!;
        typeof(FilingEvent).GetProperty(nameof(FilingEvent.Action))!.SetValue(step, action);
        typeof(FilingEvent).GetProperty(nameof(FilingEvent.Changes))!.SetValue(step, changes);
        return step;
    }
}
