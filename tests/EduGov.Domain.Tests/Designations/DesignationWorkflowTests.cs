using EduGov.Domain.Common;
using EduGov.Domain.Designations;
using EduGov.Domain.Organisation;

namespace EduGov.Domain.Tests.Designations;

public sealed class DesignationWorkflowTests
{
    private static readonly DateOnly Today = new(2026, 5, 10);
    private static readonly DateTime Now = new(2026, 5, 10, 8, 0, 0, DateTimeKind.Utc);

    private static Programme Schools(DateOnly? opens = null) => Programme.Create(1, new ProgrammeDetails("市级智慧校园建设示范学校", Tier.Municipal,
        DesignationTarget.Schools, 7, opens ?? new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30),
        [new Criterion("基础环境", 20), new Criterion("教学应用", 30), new Criterion("管理服务", 50)]));

    private static Application Filled(Programme programme)
    {
        var application = Application.Start(programme, OrgUnitKind.School, 42, Today, "principal", Now);
        application.SaveDraft(programme, [18, 25, 40], ["千兆到校", "全学科应用", "一网通办"], "principal", Now);
        return application;
    }

    private static Application InReview(Programme programme, params string[] reviewers)
    {
        var application = Filled(programme);
        application.Submit(programme, Today, "principal", Now);
        application.Recommend(1, null, "district", Now);
        application.AssignReviewers(reviewers, "commission", Now);
        return application;
    }

    [Fact]
    public void School_GoesThroughItsDistrict_ThenReviewers_ThenDesignation()
    {
        var programme = Schools();
        var application = InReview(programme, "expert1", "expert2");

        application.Score(programme, "expert1", [18, 26, 42], null, Now);
        application.Score(programme, "expert2", [16, 24, 40], "应用深入", Now);
        var designation = application.Designate(programme, "渝教信〔2026〕12号", Today, "commission", Now);

        application.Status.ShouldBe(ApplicationStatus.Designated);
        application.MeanScore.ShouldBe(83m);
        (designation.UnitId, designation.Batch, designation.Status).ShouldBe((42, 2026, DesignationStatus.Active));
        application.History.Select(h => h.Action).ShouldBe([ApplicationAction.Saved, ApplicationAction.Saved, ApplicationAction.Submitted,
            ApplicationAction.Recommended, ApplicationAction.ReviewersAssigned, ApplicationAction.Scored, ApplicationAction.Scored, ApplicationAction.Designated]);
    }

    [Fact]
    public void Designate_BeforeEveryReviewerScored_IsRefused()
    {
        var programme = Schools();
        var application = InReview(programme, "expert1", "expert2");
        application.Score(programme, "expert1", [18, 26, 42], null, Now);

        Should.Throw<DomainException>(() => application.Designate(programme, "文号", Today, "commission", Now)).Code.ShouldBe(ErrorCodes.ReviewIncomplete);
    }

    [Fact]
    public void Designate_WithoutAnyReview_OrBeforeTheDistrict_IsRefused()
    {
        var programme = Schools();
        var submitted = Filled(programme);
        submitted.Submit(programme, Today, "principal", Now);

        Should.Throw<DomainException>(() => submitted.Designate(programme, "文号", Today, "commission", Now)).Code.ShouldBe(ErrorCodes.ApplicationWrongState);
        Should.Throw<DomainException>(() => submitted.AssignReviewers(["expert1"], "commission", Now)).Code.ShouldBe(ErrorCodes.ApplicationWrongState);
    }

    [Fact]
    public void Score_BySomeoneNotAssigned_OrOutOfRange_IsRefused()
    {
        var programme = Schools();
        var application = InReview(programme, "expert1");

        Should.Throw<DomainException>(() => application.Score(programme, "expert9", [10, 10, 10], null, Now)).Code.ShouldBe(ErrorCodes.NotAReviewer);
        Should.Throw<DomainException>(() => application.Score(programme, "expert1", [21, 10, 10], null, Now)).Code.ShouldBe(ErrorCodes.ScoreOutOfRange);
        Should.Throw<DomainException>(() => application.Score(programme, "expert1", [10, 10], null, Now)).Code.ShouldBe(ErrorCodes.ScoresIncomplete);
    }

    [Fact]
    public void Apply_OutsideTheWindow_OrAsTheWrongKindOfUnit_IsRefused()
    {
        Should.Throw<DomainException>(() => Application.Start(Schools(opens: new DateOnly(2026, 5, 11)), OrgUnitKind.School, 1, Today, "p", Now))
            .Code.ShouldBe(ErrorCodes.ProgrammeClosed);
        Should.Throw<DomainException>(() => Application.Start(Schools(), OrgUnitKind.District, 1, Today, "d", Now)).Code.ShouldBe(ErrorCodes.WrongApplicant);
    }

    [Fact]
    public void Submit_WithACriterionNotScoredOrDescribed_IsRefused()
    {
        var programme = Schools();
        var application = Application.Start(programme, OrgUnitKind.School, 42, Today, "principal", Now);
        application.SaveDraft(programme, [18, 25, null], ["千兆到校", "", "一网通办"], "principal", Now);

        Should.Throw<DomainException>(() => application.Submit(programme, Today, "principal", Now)).Code.ShouldBe(ErrorCodes.ScoresIncomplete);
    }

    [Fact]
    public void DistrictsOwnApplication_GoesStraightToTheCommission()
    {
        var programme = Programme.Create(1, new ProgrammeDetails("市级智慧教育应用示范区县", Tier.Municipal, DesignationTarget.Districts, null,
            new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 30), [new Criterion("统筹推进", 100)]));
        var application = Application.Start(programme, OrgUnitKind.District, 5, Today, "district", Now);
        application.SaveDraft(programme, [90], ["全区统筹"], "district", Now);

        application.Submit(programme, Today, "district", Now);

        application.Status.ShouldBe(ApplicationStatus.Recommended);
    }

    [Fact]
    public void Decline_NeedsAReason_AndEndsTheApplication()
    {
        var programme = Schools();
        var application = Filled(programme);
        application.Submit(programme, Today, "principal", Now);

        Should.Throw<DomainException>(() => application.Decline(" ", "district", Now)).Code.ShouldBe(ErrorCodes.Required);
        application.Decline("条件尚不具备", "district", Now);

        application.Status.ShouldBe(ApplicationStatus.Declined);
        Should.Throw<DomainException>(() => application.Recommend(1, null, "district", Now)).Code.ShouldBe(ErrorCodes.ApplicationWrongState);
    }

    [Theory]
    [InlineData(80, false)]
    [InlineData(82, false)]
    [InlineData(83, true)]
    public void Outlier_IsATotalMoreThan15PercentOfTheRubricFromTheMean(decimal third, bool outlier)
    {
        decimal?[] totals = [60, 60, third];   // rubric of 100: the mean moves with the third total
        Scoring.IsOutlier(third, totals, 100).ShouldBe(outlier);
    }

    [Fact]
    public void Rubric_MustScoreSomething_AndNotExceedTheTotal()
    {
        ProgrammeDetails With(params Criterion[] criteria) => new("项目", Tier.Municipal, DesignationTarget.Schools, null, Today, Today, criteria);

        Should.Throw<DomainException>(() => Programme.Create(1, With())).Code.ShouldBe(ErrorCodes.Required);
        Should.Throw<DomainException>(() => Programme.Create(1, With(new Criterion("A", 0)))).Code.ShouldBe(ErrorCodes.ScoreOutOfRange);
        Should.Throw<DomainException>(() => Programme.Create(1, With(new Criterion("A", 10), new Criterion("A", 10)))).Code.ShouldBe(ErrorCodes.DuplicateCriterion);
        var programme = Programme.Create(1, With(new Criterion("A", 10)));
        Should.Throw<DomainException>(() => programme.Update(With(new Criterion("B", 10)), hasApplications: true)).Code.ShouldBe(ErrorCodes.RubricInUse);
    }
}

public sealed class DesignationCountTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static Programme ProgrammeOf(int year) => Programme.Create(1, new ProgrammeDetails("示范学校", Tier.Municipal, DesignationTarget.Schools, null,
        new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), [new Criterion("综合", 100)]));

    private static Designation Designated(int year)
    {
        var programme = ProgrammeOf(year);
        var application = Application.Start(programme, OrgUnitKind.School, 1, new DateOnly(year, 2, 1), "p", Now);
        application.SaveDraft(programme, [80], ["好"], "p", Now);
        application.Submit(programme, new DateOnly(year, 2, 1), "p", Now);
        application.Recommend(null, null, "d", Now);
        application.AssignReviewers(["e"], "c", Now);
        application.Score(programme, "e", [80], null, Now);
        return application.Designate(programme, "文号", new DateOnly(year, 6, 1), "c", Now);
    }

    [Fact]
    public void CountsIn_FromTheYearDesignated_UntilTheYearRevoked()
    {
        var designation = Designated(2024);
        var programme = ProgrammeOf(2024);
        designation.FileReport(programme, 2025, [40], "整改未完成", "p", Now);

        designation.Decide(2025, ReevaluationDecision.Revoked, "连续两年未达标", new DateOnly(2026, 2, 1), "c", Now);

        (designation.CountsIn(2023), designation.CountsIn(2024), designation.CountsIn(2025), designation.CountsIn(2026)).ShouldBe((false, true, true, false));
        designation.Reports.Single().Decision.ShouldBe(ReevaluationDecision.Revoked);
        Should.Throw<DomainException>(() => designation.FileReport(programme, 2026, [50], "再报", "p", Now)).Code.ShouldBe(ErrorCodes.DesignationRevoked);
    }

    [Fact]
    public void Warned_StillCounts_AndAReportIsDecidedOnce()
    {
        var designation = Designated(2024);
        var programme = ProgrammeOf(2024);
        designation.FileReport(programme, 2025, [60], "应用不足", "p", Now);

        designation.Decide(2025, ReevaluationDecision.Warned, "限期整改三个月", new DateOnly(2026, 2, 1), "c", Now);

        (designation.Status, designation.CountsIn(2026)).ShouldBe((DesignationStatus.Warned, true));
        Should.Throw<DomainException>(() => designation.Decide(2025, ReevaluationDecision.Confirmed, null, new DateOnly(2026, 3, 1), "c", Now)).Code.ShouldBe(ErrorCodes.ReportDecided);
        Should.Throw<DomainException>(() => designation.FileReport(programme, 2025, [60], "again", "p", Now)).Code.ShouldBe(ErrorCodes.ReportExists);
    }

    [Fact]
    public void ByUnit_RollsSchoolsUpToTheirDistrictAndCity_LeavingRevokedOut()
    {
        var revoked = Designated(2024);
        var programme = ProgrammeOf(2024);
        revoked.FileReport(programme, 2025, [10], "差", "p", Now);
        revoked.Decide(2025, ReevaluationDecision.Revoked, "撤销", new DateOnly(2025, 12, 1), "c", Now);

        var counts = DesignationCount.ByUnit([("/500000/500103/S1/", Designated(2024)), ("/500000/500103/S2/", revoked), ("/500000/500105/S3/", Designated(2025))], 2025);

        counts["/500000/"].ShouldBe(2);
        counts["/500000/500103/"].ShouldBe(1);
        counts["/500000/500105/"].ShouldBe(1);
        counts.ShouldNotContainKey("/500000/500103/S2/");
    }
}
