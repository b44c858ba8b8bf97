using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Notifications;
using EduGov.Domain.Organisation;
using EduGov.Domain.Urging;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Data;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Urging;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EduGov.Infrastructure.Tests.Urging;

/// <summary>督办 on the seeded database, with a clock the tests move: scope, each step's messages, the daily job, the counts.</summary>
public sealed class UrgingServiceTests : IAsyncLifetime
{
    private const string Requirement = "请于一周内完成 2026 年度填报";
    private TestDatabase _db = default!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private UrgingService Urgings = default!;
    private EvidenceStore Evidence => _db.Get<EvidenceStore>();
    private DateOnly Today => DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);

    public async Task InitializeAsync()
    {
        _clock.SetLocalTimeZone(TimeZoneInfo.Local);
        _db = await TestDatabase.CreateAsync();
        Urgings = new UrgingService(_db.Get<IDbContextFactory<EduGovDbContext>>(), _clock);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> OpenPeriodAsync()
    {
        await using var db = _db.Open();
        return await db.ReportingPeriods.Where(p => p.CityId == db.OrgUnits.Single(u => u.Code == "500000").Id).OrderByDescending(p => p.Year).Select(p => p.Id).FirstAsync();
    }

    /// <summary>A 督办 about the open period's filing, to the demo principal's school (or another unit), due in a week.</summary>
    private async Task<int> IssueAsync(AccessScope? by = null, string unitCode = DemoUsers.PrincipalSchoolCode, int dueInDays = 7) =>
        await Urgings.IssueAsync(by ?? Scopes.Commission, new NewUrging(await _db.UnitIdAsync(unitCode), UrgingSubject.LateFiling, await OpenPeriodAsync(), Requirement,
            Today.AddDays(dueInDays)));

    /// <summary>Who was told of a 督办 (user names), of one kind.</summary>
    private async Task<List<string>> ToldAsync(int id, NotificationKind kind)
    {
        await using var db = _db.Open();
        var prefix = $"urging:{id}:";
        return await (from n in db.Notifications
                      join u in db.Users on n.UserId equals u.Id
                      where n.Subject.StartsWith(prefix) && n.Kind == kind
                      orderby u.UserName
                      select u.UserName!).ToListAsync();
    }

    private async Task AttachAsync(int id, AccessScope? scope = null) =>
        await Evidence.AddAsync(scope ?? Scopes.Principal, EvidenceOwner.Urging(id), "情况说明.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);

    [Fact]
    public async Task IssueAsync_ByTheCommissionToASchool_TellsItsPrincipalOnly_AndIsAudited()
    {
        var id = await IssueAsync();

        var view = await Urgings.GetAsync(Scopes.Principal, id);
        (view.Row.Status, view.Row.Requirement, view.Row.IssuerUnit, view.Row.SubjectLabel).ShouldBe((UrgingStatus.Issued, Requirement, "重庆市", "2026年度填报"));
        (view.CanAnswer, view.CanDecide).ShouldBe((true, false));
        view.SubjectLink.ShouldBe($"/filing/{await OpenPeriodAsync()}/schools/{await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode)}");
        view.History.ShouldHaveSingleItem().Action.ShouldBe(UrgingAction.Issued);
        (await ToldAsync(id, NotificationKind.UrgingIssued)).ShouldBe(["principal"]);
        await using var db = _db.Open();
        var told = await db.Notifications.SingleAsync(n => n.Subject == $"urging:{id}:issued");
        (told.Title, told.Link).ShouldBe(("收到督办：2026年度填报", $"/urgings/{id}"));
        (await db.AuditEntries.AnyAsync(a => a.Actor == "commission" && a.Action == "Added" && a.Entity == "UrgingCase" && a.EntityId == id.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task IssueAsync_ByTheDistrictToItsSchool_IsAnsweredThere_AndDecidedByTheDistrict()
    {
        var id = await IssueAsync(Scopes.District);

        (await Urgings.GetAsync(Scopes.District, id)).CanDecide.ShouldBeTrue();
        (await Urgings.GetAsync(Scopes.Commission, id)).CanDecide.ShouldBeFalse();
        (await ToldAsync(id, NotificationKind.UrgingIssued)).ShouldBe(["principal"]);
    }

    [Fact]
    public async Task IssueAsync_ToAUnitOutsideTheScope_IsNotFound()
    {
        await Should.ThrowAsync<NotFoundException>(() => IssueAsync(Scopes.District, "500105"));
        await Should.ThrowAsync<NotFoundException>(() => IssueAsync(Scopes.ChangshaCommission));
        await Should.ThrowAsync<NotFoundException>(() => Urgings.IssueAsync(Scopes.Commission, new NewUrging(int.MaxValue, UrgingSubject.LateFiling, 1, Requirement, Today)));
    }

    [Fact]
    public async Task IssueAsync_ByWhoDoesNotOverseeTheUnit_IsForbidden()
    {
        await Should.ThrowAsync<ForbiddenException>(() => IssueAsync(Scopes.District, "500103"));          // itself
        await Should.ThrowAsync<ForbiddenException>(() => IssueAsync(Scopes.Principal));                  // its own school
        await Should.ThrowAsync<ForbiddenException>(() => IssueAsync(Scopes.Inspector));
        await Should.ThrowAsync<ForbiddenException>(() => IssueAsync(Scopes.Admin));
        await using var db = _db.Open();
        (await db.Urgings.CountAsync(u => u.Requirement == Requirement)).ShouldBe(0);
    }

    [Fact]
    public async Task IssueAsync_AboutAnotherUnitsItem_IsRefused()
    {
        await using var db = _db.Open();
        var districtsItem = await db.RectificationItems.Where(r => r.Requirement == DemoInspections.OverdueRequirement).Select(r => r.Id).SingleAsync();
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);

        var error = await Should.ThrowAsync<DomainException>(() =>
            Urgings.IssueAsync(Scopes.Commission, new NewUrging(school, UrgingSubject.OverdueRectification, districtsItem, Requirement, Today.AddDays(3))));

        error.Code.ShouldBe(ErrorCodes.UrgingSubjectMismatch);
        (await Urgings.SubjectOptionsAsync(Scopes.Commission, await _db.UnitIdAsync("500103"), UrgingSubject.OverdueRectification))
            .ShouldContain(o => o.ReferenceId == districtsItem && o.Label.StartsWith("整改事项：区教育数据中心"));
    }

    [Fact]
    public async Task AnOverdueRectificationItem_OffersAnUrging_OnlyToWhoMayIssueItToItsUnit()
    {
        var inspections = _db.Get<EduGov.Infrastructure.Supervision.InspectionService>();
        EduGov.Infrastructure.Supervision.RectificationRow Item(EduGov.Infrastructure.Supervision.RectificationRow[] rows) => rows.Single(r => r.Requirement == DemoInspections.OverdueRequirement);

        var commission = Item([.. (await inspections.RectificationsAsync(Scopes.Commission, new EduGov.Infrastructure.Supervision.RectificationQuery(), 0, 100)).Items]);
        var district = Item([.. (await inspections.RectificationsAsync(Scopes.District, new EduGov.Infrastructure.Supervision.RectificationQuery(), 0, 100)).Items]);

        (commission.CanUrge, commission.ResponsibleUnitId).ShouldBe((true, await _db.UnitIdAsync("500103")));
        district.CanUrge.ShouldBeFalse();   // the district's own item: it does not urge itself
    }

    [Fact]
    public async Task GetAsync_OutsideTheScope_OrAnUnknownId_IsNotFound()
    {
        var id = await IssueAsync();

        await Should.ThrowAsync<NotFoundException>(() => Urgings.GetAsync(Scopes.OtherDistrict, id));
        await Should.ThrowAsync<NotFoundException>(() => Urgings.GetAsync(Scopes.ChangshaCommission, id));
        await Should.ThrowAsync<NotFoundException>(() => Urgings.GetAsync(Scopes.Commission, int.MaxValue));
        await Should.ThrowAsync<NotFoundException>(() => Urgings.AnswerAsync(Scopes.OtherDistrict, id, "说明", "计划"));
        (await Urgings.GetAsync(Scopes.Inspector, id)).CanAnswer.ShouldBeFalse();   // inspectors read their region
    }

    [Fact]
    public async Task AnswerAsync_ByTheSchool_WithFiles_TellsTheIssuerOnly()
    {
        var id = await IssueAsync();
        await AttachAsync(id);

        await Urgings.AnswerAsync(Scopes.Principal, id, "网络管理员调岗，数据未及时汇总", "本周五前完成填报");

        var view = await Urgings.GetAsync(Scopes.Commission, id);
        (view.Row.Status, view.Explanation, view.Plan).ShouldBe((UrgingStatus.Answered, "网络管理员调岗，数据未及时汇总", "本周五前完成填报"));
        view.Files.ShouldHaveSingleItem().FileName.ShouldBe("情况说明.pdf");
        (view.CanAnswer, view.CanDecide).ShouldBe((false, true));
        (await ToldAsync(id, NotificationKind.UrgingAnswered)).ShouldBe(["commission"]);
        var (file, content) = await Evidence.OpenAsync(Scopes.Commission, view.Files[0].Id);
        await content.DisposeAsync();
        file.UrgingId.ShouldBe(id);
        await Should.ThrowAsync<NotFoundException>(() => Evidence.OpenAsync(Scopes.OtherDistrict, view.Files[0].Id));
    }

    [Fact]
    public async Task AnswerAsync_ByAnyoneButTheTargetUnit_IsForbidden_AndSoAreTheirFiles()
    {
        var id = await IssueAsync();

        await Should.ThrowAsync<ForbiddenException>(() => Urgings.AnswerAsync(Scopes.District, id, "说明", "计划"));
        await Should.ThrowAsync<ForbiddenException>(() => Urgings.AnswerAsync(Scopes.Commission, id, "说明", "计划"));
        await Should.ThrowAsync<ForbiddenException>(() => AttachAsync(id, Scopes.District));
        (await Urgings.GetAsync(Scopes.District, id)).Row.Status.ShouldBe(UrgingStatus.Issued);
    }

    [Fact]
    public async Task AnswerAsync_Twice_IsRefused_AndFilesCanNoLongerBeAdded()
    {
        var id = await IssueAsync();
        await Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划");

        (await Should.ThrowAsync<DomainException>(() => Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划"))).Code.ShouldBe(ErrorCodes.UrgingWrongState);
        (await Should.ThrowAsync<DomainException>(() => AttachAsync(id))).Code.ShouldBe(ErrorCodes.UrgingWrongState);
    }

    [Fact]
    public async Task CloseAsync_ByTheIssuer_TellsTheTargetUnit_OthersAreForbidden()
    {
        var id = await IssueAsync();
        await Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划");

        await Should.ThrowAsync<ForbiddenException>(() => Urgings.CloseAsync(Scopes.District, id, null));
        await Should.ThrowAsync<ForbiddenException>(() => Urgings.CloseAsync(Scopes.Principal, id, null));
        await Should.ThrowAsync<ForbiddenException>(() => Urgings.CloseAsync(Scopes.Inspector, id, null));
        await Urgings.CloseAsync(Scopes.Commission, id, "答复可行");

        var view = await Urgings.GetAsync(Scopes.Principal, id);
        view.Row.Status.ShouldBe(UrgingStatus.Closed);
        view.History.Select(h => h.Action).ShouldBe([UrgingAction.Issued, UrgingAction.Answered, UrgingAction.Closed]);
        (await ToldAsync(id, NotificationKind.UrgingClosed)).ShouldBe(["principal"]);
    }

    [Fact]
    public async Task PressAsync_ByTheIssuer_SetsANewDeadline_AndTellsTheTargetUnit()
    {
        var id = await IssueAsync();
        await Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划");

        await Should.ThrowAsync<ForbiddenException>(() => Urgings.PressAsync(Scopes.District, id, "请补充", Today.AddDays(3)));
        await Urgings.PressAsync(Scopes.Commission, id, "答复未说明完成时间，请补充", Today.AddDays(3));

        var view = await Urgings.GetAsync(Scopes.Principal, id);
        (view.Row.Status, view.Row.Round, view.Row.Deadline, view.CanAnswer).ShouldBe((UrgingStatus.Issued, 2, Today.AddDays(3), true));
        (await ToldAsync(id, NotificationKind.UrgingPressed)).ShouldBe(["principal"]);
        (await ToldAsync(id, NotificationKind.UrgingIssued)).ShouldBe(["principal"]);
    }

    [Fact]
    public async Task SweepAsync_WithTheClockMoved_MarksOverdueOnce_AndEscalatesToTheDistrictExactlyOnce()
    {
        var id = await IssueAsync(dueInDays: 2);
        var deadline = Today.AddDays(2);

        async Task SweepOnAsync(DateOnly day)
        {
            _clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(6, 30), DateTimeKind.Local)));
            await Urgings.SweepAsync(day, "计划任务");
        }

        await SweepOnAsync(deadline);
        (await Urgings.GetAsync(Scopes.Commission, id)).Row.Overdue.ShouldBeFalse();
        (await ToldAsync(id, NotificationKind.UrgingOverdue)).ShouldBeEmpty();

        await SweepOnAsync(deadline.AddDays(1));
        await SweepOnAsync(deadline.AddDays(2));
        var overdue = await Urgings.GetAsync(Scopes.Commission, id);
        (overdue.Row.Overdue, overdue.Row.DaysOverdue, overdue.Row.EscalatedTo).ShouldBe((true, 2, (string?)null));
        (await ToldAsync(id, NotificationKind.UrgingOverdue)).ShouldBe(["commission", "principal"]);

        await SweepOnAsync(deadline.AddDays(UrgingCase.EscalationDays));
        (await ToldAsync(id, NotificationKind.UrgingEscalated)).ShouldBeEmpty();
        await SweepOnAsync(deadline.AddDays(UrgingCase.EscalationDays + 1));
        await SweepOnAsync(deadline.AddDays(UrgingCase.EscalationDays + 2));
        await SweepOnAsync(deadline.AddDays(30));

        var escalated = await Urgings.GetAsync(Scopes.District, id);
        escalated.Row.EscalatedTo.ShouldBe("渝中区");
        escalated.History.Select(h => h.Action).ShouldBe([UrgingAction.Issued, UrgingAction.Overdue, UrgingAction.Escalated]);
        escalated.History.Where(h => h.Action != UrgingAction.Issued).ShouldAllBe(h => h.By == "计划任务");
        (await ToldAsync(id, NotificationKind.UrgingEscalated)).ShouldBe(["district"]);
        (await ToldAsync(id, NotificationKind.UrgingOverdue)).Count.ShouldBe(2);
        (await Urgings.EscalatedToUnitAsync(Scopes.District)).Items.ShouldContain(r => r.Id == id);
    }

    [Fact]
    public async Task SweepAsync_ADistrictsUrgingToItsSchool_GoesUpToTheCommission()
    {
        var id = await IssueAsync(Scopes.District, dueInDays: 0);
        var day = Today.AddDays(UrgingCase.EscalationDays + 1);

        var summary = await Urgings.SweepAsync(day, "计划任务");

        summary.ShouldStartWith("标记逾期");
        (await Urgings.GetAsync(Scopes.Commission, id)).Row.EscalatedTo.ShouldBe("重庆市");
        (await ToldAsync(id, NotificationKind.UrgingEscalated)).ShouldBe(["commission"]);
        (await ToldAsync(id, NotificationKind.UrgingOverdue)).ShouldBe(["district", "principal"]);
    }

    [Fact]
    public async Task SweepAsync_AnAnsweredUrging_IsNeitherOverdueNorEscalated()
    {
        var id = await IssueAsync(dueInDays: 0);
        await Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划");

        await Urgings.SweepAsync(Today.AddDays(10), "计划任务");

        var view = await Urgings.GetAsync(Scopes.Commission, id);
        (view.Row.Overdue, view.Row.EscalatedTo).ShouldBe((false, (string?)null));
        (await ToldAsync(id, NotificationKind.UrgingOverdue)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ListAsync_IsScoped_FilteredAndSearched_InTheDatabase()
    {
        var principal = await Urgings.ListAsync(Scopes.Principal, new UrgingQuery());
        principal.Items.ShouldAllBe(r => r.TargetUnit == principal.Items[0].TargetUnit);
        principal.Items.ShouldContain(r => r.Requirement == DemoUrgings.PrincipalFiling);

        var district = await Urgings.ListAsync(Scopes.District, new UrgingQuery(), 0, 100);
        district.Items.ShouldNotContain(r => r.Requirement == DemoUrgings.JiangbeiFiling);
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(), 0, 100)).Total.ShouldBe(7);

        var overdue = await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(UrgingFilter.Overdue));
        overdue.Items.Select(r => r.Requirement).ShouldBe([DemoUrgings.SchoolAssessment, DemoUrgings.DistrictRectification]);
        overdue.Items.ShouldAllBe(r => r.Overdue && r.Status == UrgingStatus.Issued);
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(UrgingFilter.Escalated))).Items.ShouldHaveSingleItem().EscalatedTo.ShouldBe("渝中区");
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(UrgingFilter.Closed))).Items.ShouldHaveSingleItem().TargetUnit.ShouldBe("江北区");
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(Subject: UrgingSubject.LaggingIndicator))).Total.ShouldBe(2);
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(Search: "江北"))).Items.ShouldHaveSingleItem();
        (await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(UnitId: await _db.UnitIdAsync("500103")))).Total.ShouldBe(6);
        var page = await Urgings.ListAsync(Scopes.Commission, new UrgingQuery(), 1, 5);
        (page.Items.Count, page.Total).ShouldBe((2, 7));
    }

    [Fact]
    public async Task OpenForUnitAsync_AndIssuedOpenAsync_AreEachUnitsOwnWork()
    {
        var principal = await Urgings.OpenForUnitAsync(Scopes.Principal);
        principal.Items.ShouldHaveSingleItem().Requirement.ShouldBe(DemoUrgings.PrincipalFiling);

        var district = await Urgings.OpenForUnitAsync(Scopes.District);
        district.Items.Select(r => r.Requirement).ShouldBe([DemoUrgings.DistrictRectification, DemoUrgings.DistrictFiling, DemoUrgings.IndicatorPressed]);
        (district.Total, district.Overdue, district.NearestDeadline).ShouldBe((3, 1, district.Items[0].Deadline));

        var issued = await Urgings.IssuedOpenAsync(Scopes.Commission);
        (issued.Total, issued.Overdue).ShouldBe((4, 2));
        issued.Items.ShouldNotContain(r => r.Status == UrgingStatus.Closed);
        (await Urgings.IssuedOpenAsync(Scopes.District)).Items.Select(r => r.Requirement).ShouldBe([DemoUrgings.WirelessRequirement, DemoUrgings.PrincipalFiling]);
        (await Urgings.OpenForUnitAsync(Scopes.Commission)).Total.ShouldBe(0);
        (await Urgings.IssuedOpenAsync(Scopes.Inspector)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task ForReportAsync_CountsTheYearsUrgingsOfTheUnitAndItsSchools()
    {
        var id = await IssueAsync();
        await Urgings.AnswerAsync(Scopes.Principal, id, "说明", "计划");
        await Urgings.CloseAsync(Scopes.Commission, id, null);
        var district = await _db.UnitIdAsync("500103");

        var year = await Urgings.ForReportAsync(district, new DateOnly(Today.Year, 1, 1), new DateOnly(Today.Year, 12, 31));

        await using var db = _db.Open();
        var start = new DateOnly(Today.Year, 1, 1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Local).ToUniversalTime();
        var all = await db.Urgings.Include(u => u.History).Where(u => u.IssuedAtUtc >= start && db.OrgUnits.Any(o => o.Id == u.TargetUnitId && o.Path.StartsWith("/500000/500103/")))
            .ToListAsync();
        year.Counts.ShouldBe(new UrgingCounts(all.Count, all.Count(u => u.History.Any(h => h.Action == UrgingAction.Answered)),
            all.Count(u => u.Status == UrgingStatus.Closed), all.Count(u => u.WasOverdue || u.IsOverdue(Today)), all.Count(u => u.IsEscalated),
            all.Count(u => u.Status != UrgingStatus.Closed)));
        year.Counts.Closed.ShouldBeGreaterThanOrEqualTo(1);
        year.Outstanding.Count.ShouldBe(year.Counts.Open);
        (await Urgings.CountsByDistrictAsync(await _db.UnitIdAsync("500000"), new DateOnly(Today.Year, 1, 1), new DateOnly(Today.Year, 12, 31)))
            .Single(d => d.Unit == "渝中区").Counts.ShouldBe(year.Counts);
    }
}
