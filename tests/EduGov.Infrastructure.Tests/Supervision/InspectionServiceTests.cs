using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Domain.Supervision;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Supervision;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using EduGov.Tests;

namespace EduGov.Infrastructure.Tests.Supervision;

public sealed class InspectionServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private InspectionService Inspections => _db.Get<InspectionService>();
    private EvidenceStore Evidence => _db.Get<EvidenceStore>();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<IReadOnlyDictionary<int, decimal>> ScoresAsync(Func<ChecklistItemRow, decimal> score) =>
        (await Inspections.ChecklistAsync(Scopes.Inspector)).Items.Where(i => !i.Retired).ToDictionary(i => i.Id, score);

    /// <summary>An inspection of the demo principal's school (or another unit), planned and recorded by the demo inspector.</summary>
    private async Task<int> RecordedAsync(string unitCode = DemoUsers.PrincipalSchoolCode, DateOnly? on = null)
    {
        var id = await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync(unitCode), Today);
        await Inspections.RecordAsync(Scopes.Inspector, id, new InspectionRecord(on ?? Today, ["陈明"], [], await ScoresAsync(i => i.MaxScore - 1), "空间应用不足"));
        return id;
    }

    private async Task<int> RaisedAsync(int inspectionId, DateOnly deadline, string unitCode = DemoUsers.PrincipalSchoolCode) =>
        await Inspections.RaiseAsync(Scopes.Inspector, inspectionId, new NewRectification(await _db.UnitIdAsync(unitCode), "完善网络安全应急预案", deadline));

    private async Task AttachAsync(int itemId, AccessScope? scope = null) =>
        await Evidence.AddAsync(scope ?? Scopes.Principal, EvidenceOwner.Rectification(itemId), "应急预案.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);

    private async Task<RectificationRow> ItemAsync(AccessScope scope, int itemId) =>
        (await Inspections.RectificationsAsync(scope, new RectificationQuery(), 0, 500)).Items.Single(i => i.Id == itemId);

    [Fact]
    public async Task Record_ScoresAgainstTheCitysChecklist_AndTheListShowsTheShare()
    {
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var id = await Inspections.PlanAsync(Scopes.Inspector, school, Today.AddDays(3));
        var planned = await Inspections.GetAsync(Scopes.Inspector, id);
        (planned.Status, planned.CanRecord, planned.CanRaise).ShouldBe((InspectionStatus.Planned, true, false));
        planned.PlannedBy.ShouldBe("市级督学（重庆市）");
        planned.Checklist.Sum(c => c.MaxScore).ShouldBe(100m);
        planned.Indicators.ShouldContain(i => i.Code == "CQ5-13");   // the city's plan binds the school
        planned.Indicators.ShouldContain(i => i.Code == "YZ-04");    // and so does its district's

        var indicator = planned.Indicators.First(i => i.Code == "YZ-04").Id;
        await Inspections.RecordAsync(Scopes.Inspector, id, new InspectionRecord(Today, ["陈明", "刘芳"], [indicator],
            planned.Checklist.ToDictionary(c => c.Id, c => c.MaxScore * 0.8m), "无线网络未覆盖实验楼"));

        var recorded = await Inspections.GetAsync(Scopes.Principal, id);
        (recorded.Status, recorded.TotalScore, recorded.Percentage).ShouldBe((InspectionStatus.Recorded, 80m, 80m));
        recorded.Scope.Single().Code.ShouldBe("YZ-04");
        recorded.RecordedBy.ShouldBe("市级督学（重庆市）");
        (recorded.CanRecord, recorded.CanRaise).ShouldBe((false, false));   // the principal reads it
        var row = (await Inspections.InspectionsAsync(Scopes.District, new InspectionQuery(Search: "5001030001"))).Items.Single(r => r.Id == id);
        (row.Percentage, row.Status).ShouldBe((80m, InspectionStatus.Recorded));
    }

    [Fact]
    public async Task Record_APlannedInspectionTwice_IsRefused_AndTheFirstRecordStands()
    {
        var id = await RecordedAsync();
        var again = new InspectionRecord(Today, ["刘芳"], [], await ScoresAsync(_ => 0), "重复记录");
        (await Should.ThrowAsync<DomainException>(() => Inspections.RecordAsync(Scopes.Expert, id, again))).Code.ShouldBe(ErrorCodes.InspectionWrongState);
        (await Inspections.GetAsync(Scopes.Inspector, id)).Inspectors.ShouldBe(["陈明"]);
    }

    [Fact]
    public async Task Record_AnIndicatorOfAPlanThatDoesNotBindTheUnit_IsRefused()
    {
        var id = await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), Today);
        await using var db = _db.Open();
        var changsha = await db.Indicators.Where(i => i.Code == "CS-01").Select(i => i.Id).SingleAsync();
        var record = new InspectionRecord(Today, ["陈明"], [changsha], await ScoresAsync(_ => 1), "发现");
        await Should.ThrowAsync<NotFoundException>(() => Inspections.RecordAsync(Scopes.Inspector, id, record));
    }

    [Fact]
    public async Task Indicators_OfASchoolsInspection_AreOnlyThoseMeasuredAtTheSchool_ADistrictsAreAll()
    {
        var school = await Inspections.GetAsync(Scopes.Inspector, await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), Today));
        var district = await Inspections.GetAsync(Scopes.Inspector, await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync("500103"), Today));

        district.Indicators.Count.ShouldBe(61);   // the city's two plans and the district's
        // The computed figures of one school's filings, training and register (CQ5-12, the lowest programming hours, only
        // where grades 3 to 9 are taught); no reported figure, no count of designated units.
        school.Indicators.Select(i => i.Code).Except(["CQ5-12"]).ShouldBe(["CQJW-04", "CQJW-05", "CQJW-08", "CQJW-09", "CQJW-10",
            "CQ5-01", "CQ5-02", "CQ5-03", "CQ5-13", "CQ5-14", "CQ5-20", "CQ5-21", "CQ5-24", "CQ5-25",
            "YZ-01", "YZ-02", "YZ-04", "YZ-15", "YZ-16"], ignoreOrder: true);
        district.Indicators.ShouldContain(i => i.Code == "CQ5-22");   // a count of designated schools: the district's, not one school's
    }

    [Fact]
    public async Task Record_AnIndicatorNotMeasuredAtTheSchool_IsRefused()
    {
        var id = await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), Today);
        await using var db = _db.Open();
        var designated = await db.Indicators.Where(i => i.Code == "CQ5-22").Select(i => i.Id).SingleAsync();
        var record = new InspectionRecord(Today, ["陈明"], [designated], await ScoresAsync(_ => 1), "发现");

        await Should.ThrowAsync<NotFoundException>(() => Inspections.RecordAsync(Scopes.Inspector, id, record));
        (await Inspections.GetAsync(Scopes.Inspector, id)).Status.ShouldBe(InspectionStatus.Planned);
    }

    [Fact]
    public async Task InspectorOfAnotherRegion_NeitherSeesNorActs()
    {
        var id = await RecordedAsync();
        var item = await RaisedAsync(id, Today.AddDays(30));

        await Should.ThrowAsync<NotFoundException>(() => Inspections.GetAsync(Scopes.ChangshaInspector, id));
        (await Inspections.InspectionsAsync(Scopes.ChangshaInspector, new InspectionQuery())).Items.ShouldNotContain(r => r.Id == id);
        (await Inspections.RectificationsAsync(Scopes.ChangshaInspector, new RectificationQuery())).Items.ShouldNotContain(r => r.Id == item);
        var district = await _db.UnitIdAsync("500103");
        await Should.ThrowAsync<NotFoundException>(() => Inspections.PlanAsync(Scopes.ChangshaInspector, district, Today));
        await Should.ThrowAsync<NotFoundException>(() => Inspections.RaiseAsync(Scopes.ChangshaInspector, id, new NewRectification(district, "整改", Today)));

        await AttachAsync(item);
        await Inspections.AnswerAsync(Scopes.Principal, item, "已修订预案");
        await Should.ThrowAsync<NotFoundException>(() => Inspections.AcceptAsync(Scopes.ChangshaInspector, item));
        await Should.ThrowAsync<NotFoundException>(() => Inspections.ReopenAsync(Scopes.OtherDistrict, item, "不行"));
        (await ItemAsync(Scopes.Inspector, item)).Status.ShouldBe(RectificationStatus.Answered);
    }

    [Fact]
    public async Task Principal_AnswersItsItem_ButCannotRaiseAcceptOrReopen()
    {
        var id = await RecordedAsync();
        var item = await RaisedAsync(id, Today.AddDays(30));
        (await ItemAsync(Scopes.Principal, item)).ShouldSatisfyAllConditions(r => r.CanAnswer.ShouldBeTrue(), r => r.CanDecide.ShouldBeFalse());

        await Should.ThrowAsync<ForbiddenException>(() => Inspections.RaiseAsync(Scopes.Principal, id, new NewRectification(1, "整改", Today)));
        await AttachAsync(item);
        await Inspections.AnswerAsync(Scopes.Principal, item, "已修订预案并组织演练");
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.AcceptAsync(Scopes.Principal, item));
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.ReopenAsync(Scopes.Principal, item, "自己退回"));
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.AnswerAsync(Scopes.Inspector, item, "督学代答"));

        (await ItemAsync(Scopes.Inspector, item)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(RectificationStatus.Answered), r => r.CanDecide.ShouldBeTrue());
        await Inspections.AcceptAsync(Scopes.Inspector, item);
        (await ItemAsync(Scopes.District, item)).Status.ShouldBe(RectificationStatus.Accepted);
    }

    [Fact]
    public async Task Answer_WithoutEvidence_IsRefused_AndOnlyTheResponsibleUnitAttachesIt()
    {
        var item = await RaisedAsync(await RecordedAsync(), Today.AddDays(30));
        (await Should.ThrowAsync<DomainException>(() => Inspections.AnswerAsync(Scopes.Principal, item, "已整改"))).Code.ShouldBe(ErrorCodes.EvidenceRequired);
        await Should.ThrowAsync<ForbiddenException>(() => AttachAsync(item, Scopes.Inspector));
        await Should.ThrowAsync<NotFoundException>(() => AttachAsync(item, Scopes.OtherDistrict));
        var html = SampleFiles.HtmlBehindPdfHeader;
        (await Should.ThrowAsync<DomainException>(() => Evidence.AddAsync(Scopes.Principal, EvidenceOwner.Rectification(item), "应急预案.pdf", new MemoryStream(html), html.Length)))
            .Code.ShouldBe(ErrorCodes.FileDamaged);

        await AttachAsync(item, Scopes.District);   // the school's district may answer for it
        await Inspections.AnswerAsync(Scopes.District, item, "区教委督促学校修订预案");
        var answered = await ItemAsync(Scopes.Inspector, item);
        (answered.Status, answered.Answer, answered.Files.Single().FileName).ShouldBe((RectificationStatus.Answered, "区教委督促学校修订预案", "应急预案.pdf"));
        (await Should.ThrowAsync<DomainException>(() => AttachAsync(item))).Code.ShouldBe(ErrorCodes.RectificationWrongState);   // frozen once answered
    }

    [Fact]
    public async Task Reopen_ThenAnswerAgain_AndEveryStepIsInTheHistory()
    {
        var item = await RaisedAsync(await RecordedAsync(), Today.AddDays(30));
        await AttachAsync(item);
        await Inspections.AnswerAsync(Scopes.Principal, item, "已修订预案");
        (await Should.ThrowAsync<DomainException>(() => Inspections.ReopenAsync(Scopes.Inspector, item, " "))).Code.ShouldBe(ErrorCodes.Required);
        await Inspections.ReopenAsync(Scopes.Inspector, item, "缺少演练记录");

        (await ItemAsync(Scopes.Principal, item)).ShouldSatisfyAllConditions(r => r.Status.ShouldBe(RectificationStatus.Open), r => r.CanAnswer.ShouldBeTrue());
        await AttachAsync(item);
        await Inspections.AnswerAsync(Scopes.Principal, item, "补充演练记录");
        await Inspections.AcceptAsync(Scopes.Expert, item);

        await using var db = _db.Open();
        var school = await db.OrgUnits.Where(u => u.Code == DemoUsers.PrincipalSchoolCode).Select(u => u.Name).SingleAsync();
        var (inspector, principal) = ("市级督学（重庆市）", $"校长（渝中区）（{school}）");   // each by name and unit, not "· inspector"
        var history = (await ItemAsync(Scopes.Principal, item)).History;
        history.Select(h => (h.Action, h.By, h.Text)).ShouldBe([
            (RectificationAction.Raised, inspector, "完善网络安全应急预案"),
            (RectificationAction.Answered, principal, "已修订预案"),
            (RectificationAction.Reopened, inspector, "缺少演练记录"),
            (RectificationAction.Answered, principal, "补充演练记录"),
            (RectificationAction.Accepted, "评审专家（市级督学）（重庆市）", null),
        ]);
        (await db.AuditEntries.CountAsync(a => a.Entity == nameof(RectificationItem) && a.Actor == "principal")).ShouldBe(2);
    }

    [Fact]
    public async Task ASecondInspectorsStep_OnAStaleCopy_IsRefused()
    {
        var item = await RaisedAsync(await RecordedAsync(), Today.AddDays(30));
        await AttachAsync(item);
        await Inspections.AnswerAsync(Scopes.Principal, item, "已修订预案");
        await using var stale = _db.Open();
        var copy = await stale.RectificationItems.SingleAsync(r => r.Id == item);

        await Inspections.AcceptAsync(Scopes.Inspector, item);
        copy.Reopen("材料不全", "expert", DateTime.UtcNow);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
    }

    [Fact]
    public async Task Overdue_FromTheDayAfterTheDeadline_UntilAccepted_InEveryList()
    {
        var id = await RecordedAsync(on: Today.AddDays(-20));
        var dueToday = await RaisedAsync(id, Today);
        var late = await RaisedAsync(id, Today.AddDays(-1));
        var acceptedLate = await RaisedAsync(id, Today.AddDays(-2));
        await AttachAsync(acceptedLate);
        await Inspections.AnswerAsync(Scopes.Principal, acceptedLate, "已整改");
        await Inspections.AcceptAsync(Scopes.Inspector, acceptedLate);

        var overdue = await Inspections.OverdueRectificationsAsync(Today);
        overdue.Select(o => o.ItemId).ShouldContain(late);
        overdue.Select(o => o.ItemId).ShouldNotContain(dueToday);
        overdue.Select(o => o.ItemId).ShouldNotContain(acceptedLate);
        overdue.Single(o => o.ItemId == late).ShouldBe(new OverdueRectification(late, await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), "完善网络安全应急预案", Today.AddDays(-1)));
        overdue.ShouldContain(o => o.Requirement == DemoInspections.OverdueRequirement);   // the demo district's, seeded ten days late

        var principals = await Inspections.RectificationsAsync(Scopes.Principal, new RectificationQuery(OverdueOnly: true));
        principals.Items.Select(i => i.Id).ShouldBe([late]);
        (await ItemAsync(Scopes.Principal, dueToday)).Overdue.ShouldBeFalse();
        var row = (await Inspections.InspectionsAsync(Scopes.Inspector, new InspectionQuery(Year: Today.AddDays(-20).Year))).Items.Single(r => r.Id == id);
        (row.Items, row.Open, row.Overdue).ShouldBe((3, 2, 1));
    }

    [Fact]
    public async Task Rectifications_AreSeenByTheResponsibleUnitAndThoseAbove_Only()
    {
        var id = await RecordedAsync("500103");
        var districts = await RaisedAsync(id, Today.AddDays(10), "500103");
        var schools = await RaisedAsync(id, Today.AddDays(10));

        var principal = (await Inspections.RectificationsAsync(Scopes.Principal, new RectificationQuery(), 0, 500)).Items;
        principal.Select(i => i.Id).ShouldContain(schools);
        principal.Select(i => i.Id).ShouldNotContain(districts);
        principal.Single(i => i.Id == schools).CanOpenInspection.ShouldBeFalse();   // a district's inspection is not the school's to read
        await Should.ThrowAsync<NotFoundException>(() => Inspections.GetAsync(Scopes.Principal, id));

        var district = (await Inspections.RectificationsAsync(Scopes.District, new RectificationQuery(), 0, 500)).Items;
        district.Select(i => i.Id).ShouldContain(districts);
        district.Single(i => i.Id == schools).CanAnswer.ShouldBeTrue();
        (await Inspections.RectificationsAsync(Scopes.OtherDistrict, new RectificationQuery())).Items.ShouldNotContain(i => i.Id == districts || i.Id == schools);
        (await Inspections.RectificationsAsync(Scopes.Admin, new RectificationQuery(), 0, 500)).Items.Select(i => i.Id).ShouldContain(districts);
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.RaiseAsync(Scopes.Admin, id, new NewRectification(1, "整改", Today)));
    }

    [Fact]
    public async Task Raise_ForAUnitOutsideTheInspectedOne_OrBeforeTheInspection_IsRefused()
    {
        var id = await RecordedAsync(on: Today.AddDays(-5));
        (await Should.ThrowAsync<DomainException>(() => RaisedAsync(id, Today, "500103"))).Code.ShouldBe(ErrorCodes.ResponsibleUnitOutside);
        (await Should.ThrowAsync<DomainException>(() => RaisedAsync(id, Today.AddDays(-6)))).Code.ShouldBe(ErrorCodes.DeadlineBeforeInspection);
        var planned = await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync("500103"), Today);
        (await Should.ThrowAsync<DomainException>(() => RaisedAsync(planned, Today))).Code.ShouldBe(ErrorCodes.InspectionWrongState);
        (await Inspections.ResponsibleOptionsAsync(Scopes.Inspector, planned, null)).Select(u => u.Path).ShouldAllBe(p => p.StartsWith("/500000/500103/"));
    }

    [Fact]
    public async Task Cancel_APlannedInspection_ButNotARecordedOne()
    {
        var planned = await Inspections.PlanAsync(Scopes.Commission, await _db.UnitIdAsync("500103"), Today.AddDays(10));
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.CancelAsync(Scopes.District, planned));
        await Inspections.CancelAsync(Scopes.Commission, planned);
        (await Inspections.InspectionsAsync(Scopes.Inspector, new InspectionQuery(Status: InspectionStatus.Cancelled))).Items.Select(r => r.Id).ShouldBe([planned]);
        (await Should.ThrowAsync<DomainException>(async () => await Inspections.CancelAsync(Scopes.Inspector, await RecordedAsync()))).Code.ShouldBe(ErrorCodes.InspectionWrongState);
    }

    [Fact]
    public async Task Checklist_IsKeptByTheCommission_AndChangingItLeavesRecordedInspectionsAsTheyWere()
    {
        var id = await RecordedAsync();
        var view = await Inspections.ChecklistAsync(Scopes.Commission);
        (view.CityName, view.CanEdit, view.ActiveTotal).ShouldBe(("重庆市", true, 100m));
        (await Inspections.ChecklistAsync(Scopes.Inspector)).CanEdit.ShouldBeFalse();
        var first = view.Items.First();
        await Should.ThrowAsync<ForbiddenException>(() => Inspections.SaveChecklistItemAsync(Scopes.Inspector, view.CityId, first.Id,
            new ChecklistItemDetails(first.Category, "改写", first.MaxScore, first.SortOrder)));
        await Should.ThrowAsync<NotFoundException>(() => Inspections.SetRetiredAsync(Scopes.ChangshaCommission, first.Id, true));

        await Inspections.SaveChecklistItemAsync(Scopes.Commission, view.CityId, first.Id, new ChecklistItemDetails(first.Category, "建立首席信息官制度", 20, first.SortOrder));
        await Inspections.SetRetiredAsync(Scopes.Commission, view.Items[1].Id, true);
        var added = await Inspections.SaveChecklistItemAsync(Scopes.Commission, view.CityId, null, new ChecklistItemDetails("数据治理", "教育数据按标准汇聚共享", 10, 11));

        var recorded = await Inspections.GetAsync(Scopes.Inspector, id);
        recorded.Scores.First().ShouldBe(new ScoreRow(first.Category, first.Text, first.MaxScore, first.MaxScore - 1));
        recorded.Scores.Count.ShouldBe(view.Items.Count);
        (recorded.TotalScore, recorded.MaxScore).ShouldBe((100m - view.Items.Count, 100m));

        var next = await Inspections.GetAsync(Scopes.Inspector, await Inspections.PlanAsync(Scopes.Inspector, await _db.UnitIdAsync("500103"), Today));
        next.Checklist.Select(c => c.Id).ShouldNotContain(view.Items[1].Id);
        next.Checklist.Select(c => c.Id).ShouldContain(added);
        (await Inspections.ChecklistAsync(Scopes.Commission)).Items.Last().ShouldSatisfyAllConditions(i => i.Id.ShouldBe(view.Items[1].Id), i => i.Retired.ShouldBeTrue());
    }

    [Fact]
    public async Task ForReport_TheDistrictAndItsSchools_InThePeriod_WithItemCountsAndOverdue()
    {
        var school = await RecordedAsync(on: Today.AddDays(-3));
        var open = await RaisedAsync(school, Today.AddDays(-1));
        var answered = await RaisedAsync(school, Today.AddDays(5));
        await AttachAsync(answered);
        await Inspections.AnswerAsync(Scopes.Principal, answered, "已整改");
        var district = await _db.UnitIdAsync("500103");
        await Inspections.PlanAsync(Scopes.Inspector, district, Today.AddDays(-2));   // planned, not recorded: not reported

        var report = await Inspections.ForReportAsync(district, Today.AddDays(-60), Today);
        var mine = report.Inspections.Single(i => i.Id == school);
        (mine.Open, mine.Answered, mine.Accepted, mine.Overdue, mine.Percentage).ShouldBe((1, 1, 0, 1, 90m));   // ten lines, each a point short
        report.Inspections.ShouldContain(i => i.Unit == "渝中区" && i.Overdue == 1);   // the demo inspection forty days ago
        report.Items.Where(i => i.InspectionId == school).Select(i => (i.Status, i.Overdue)).ShouldBe([(RectificationStatus.Open, true), (RectificationStatus.Answered, false)]);
        (await Inspections.ForReportAsync(await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode), Today.AddDays(-60), Today)).Inspections.Select(i => i.Id).ShouldBe([school]);
        (await Inspections.ForReportAsync(district, Today.AddDays(-2), Today)).Inspections.ShouldBeEmpty();
    }
}
