using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

/// <summary>The review workflow on a seeded database; each test works on schools of its own.</summary>
public sealed class FilingWorkflowTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private FilingService Filings => _db.Get<FilingService>();

    private async Task<int> OpenPeriodAsync() => (await Filings.CurrentPeriodAsync(Scopes.District))!.Id;

    private async Task<int> SchoolAsync(FilingStatus? status, string districtCode = "500103", int skip = 0)
    {
        await using var db = _db.Open();
        var period = await OpenPeriodAsync();
        var schools = db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith($"/500000/{districtCode}/") && s.Code != DemoUsers.PrincipalSchoolCode);
        var query = status is null
            ? schools.Where(s => !db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id))
            : schools.Where(s => db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id && f.Status == status));
        return await query.OrderBy(s => s.Code).Skip(skip).Select(s => s.Id).FirstAsync();
    }

    private async Task<decimal?> ValueAsync(string unitCode, string indicatorName, int year = 2026)
    {
        await using var db = _db.Open();
        return await db.IndicatorValues.Where(v => v.OrgUnit.Code == unitCode && v.Year == year
                && db.Indicators.Any(i => i.Id == v.IndicatorId && i.Name == indicatorName && i.Plan.OrgUnit.Code == "500000"))
            .Select(v => (decimal?)v.Value).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task Principal_FilesAndSubmits_DistrictReturns_PrincipalFixes_DistrictApproves_AndCoverageChanges()
    {
        var period = await OpenPeriodAsync();
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);
        var interactiveBefore = await ValueAsync("500103", "互动式多媒体教学设备占比");

        var view = await Filings.GetAsync(Scopes.Principal, period, school);
        view.StartedFromLastPeriod.ShouldBeTrue();
        view.CanEdit.ShouldBeTrue();
        var survey = view.Survey with { InteractiveClassrooms = view.Survey.MultimediaClassrooms, Narrative = "新增互动式教室" };
        // Whatever the checks flag in a jump like this is explained, as the form asks.
        var explanations = view.Basis.Check(survey, view.Profile).ToDictionary(f => f.Field, string? (f) => "本年新建互动式教室");
        var version = await Filings.SubmitAsync(Scopes.Principal, period, school, null, survey, explanations);

        var submitted = await Filings.GetAsync(Scopes.District, period, school);
        submitted.Status.ShouldBe(FilingStatus.Submitted);
        submitted.CanReview.ShouldBeTrue();
        await Filings.ReturnAsync(Scopes.District, submitted.FilingId!.Value, version, "请补充情况说明");

        var returned = await Filings.GetAsync(Scopes.Principal, period, school);
        (returned.Status, returned.ReturnComment, returned.CanEdit).ShouldBe((FilingStatus.Returned, "请补充情况说明", true));
        version = await Filings.SubmitAsync(Scopes.Principal, period, school, returned.Version, survey with { Narrative = "新增互动式教室12间" });
        await Filings.ApproveAsync(Scopes.District, returned.FilingId!.Value, version);

        var approved = await Filings.GetAsync(Scopes.Principal, period, school);
        approved.Status.ShouldBe(FilingStatus.Approved);
        approved.History.Select(h => h.Action).ShouldBe([FilingAction.Saved, FilingAction.Submitted, FilingAction.Returned,
            FilingAction.Saved, FilingAction.Submitted, FilingAction.Approved]);
        (await ValueAsync(DemoUsers.PrincipalSchoolCode, "互动式多媒体教学设备占比")).ShouldBe(100m);
        (await ValueAsync("500103", "互动式多媒体教学设备占比"))!.Value.ShouldBeGreaterThan(interactiveBefore!.Value);
    }

    [Fact]
    public async Task SecondSave_FromAnOlderVersion_IsAConflict_AndTheFirstSaveStays()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Draft);
        var view = await Filings.GetAsync(Scopes.District, period, school);

        await Filings.SaveDraftAsync(Scopes.District, period, school, view.Version, view.Survey with { MakerSpaces = 7 });
        var error = await Should.ThrowAsync<DomainException>(() =>
            Filings.SaveDraftAsync(Scopes.District, period, school, view.Version, view.Survey with { MakerSpaces = 9 }));

        error.Code.ShouldBe(ErrorCodes.ConcurrentEdit);
        (await Filings.GetAsync(Scopes.District, period, school)).Survey.MakerSpaces.ShouldBe(7);
    }

    [Fact]
    public async Task TwoUsersStartingTheSameNewFiling_TheSecondGetsAConflict()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(null);
        var first = await Filings.GetAsync(Scopes.District, period, school);

        await Filings.SaveDraftAsync(Scopes.District, period, school, first.Version, first.Survey with { MakerSpaces = 1 });
        var error = await Should.ThrowAsync<DomainException>(() => Filings.SaveDraftAsync(Scopes.District, period, school, null, first.Survey));
        error.Code.ShouldBe(ErrorCodes.ConcurrentEdit);
    }

    [Fact]
    public async Task InvalidFigures_AreRefused_AndNothingIsSaved()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Draft, skip: 1);
        var view = await Filings.GetAsync(Scopes.District, period, school);

        await Should.ThrowAsync<DomainException>(() => Filings.SaveDraftAsync(Scopes.District, period, school, view.Version,
            view.Survey with { InteractiveClassrooms = view.Survey.Classrooms + 1 }));

        (await Filings.GetAsync(Scopes.District, period, school)).Version.ShouldBe(view.Version);
    }

    [Fact]
    public async Task Principal_CannotSeeFileOrReviewAnotherSchool()
    {
        var period = await OpenPeriodAsync();
        var other = await SchoolAsync(FilingStatus.Submitted);
        var submitted = await Filings.GetAsync(Scopes.District, period, other);

        await Should.ThrowAsync<NotFoundException>(() => Filings.GetAsync(Scopes.Principal, period, other));
        await Should.ThrowAsync<NotFoundException>(() => Filings.SaveDraftAsync(Scopes.Principal, period, other, submitted.Version, submitted.Survey));
        await Should.ThrowAsync<NotFoundException>(() => Filings.ApproveAsync(Scopes.Principal, submitted.FilingId!.Value, submitted.Version!.Value));
    }

    [Fact]
    public async Task OnlyTheDistrictReviews_AndOnlyTheCommissionReopens()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Submitted, skip: 1);
        var view = await Filings.GetAsync(Scopes.Commission, period, school);

        await Should.ThrowAsync<ForbiddenException>(() => Filings.ApproveAsync(Scopes.Commission, view.FilingId!.Value, view.Version!.Value));
        await Should.ThrowAsync<ForbiddenException>(() => Filings.ApproveAsync(Scopes.Inspector, view.FilingId!.Value, view.Version!.Value));
        await Should.ThrowAsync<NotFoundException>(() => Filings.ApproveAsync(Scopes.OtherDistrict, view.FilingId!.Value, view.Version!.Value));
        await Filings.ApproveAsync(Scopes.District, view.FilingId!.Value, view.Version!.Value);

        var approved = await Filings.GetAsync(Scopes.Commission, period, school);
        approved.CanReopen.ShouldBeTrue();
        await Should.ThrowAsync<ForbiddenException>(() => Filings.ReopenAsync(Scopes.District, approved.FilingId!.Value, approved.Version!.Value, "x"));
        await Filings.ReopenAsync(Scopes.Commission, approved.FilingId!.Value, approved.Version!.Value, "抽查发现数据有误");
        (await Filings.GetAsync(Scopes.Principal with { OrgPath = null, Role = Role.Admin }, period, school)).Status.ShouldBe(FilingStatus.Returned);
    }

    [Fact]
    public async Task Reopen_RemovesTheSchoolsValue_AndRecomputesItsDistrictOnly()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Approved, skip: 2);
        var code = await CodeAsync(school);
        var jiangbeiBefore = await RecordedAtAsync("500105");
        (await ValueAsync(code, "多媒体教学设备配备率")).ShouldNotBeNull();

        var view = await Filings.GetAsync(Scopes.Commission, period, school);
        await Filings.ReopenAsync(Scopes.Commission, view.FilingId!.Value, view.Version!.Value, "重新核实");

        (await ValueAsync(code, "多媒体教学设备配备率")).ShouldBeNull();
        (await RecordedAtAsync("500105")).ShouldBe(jiangbeiBefore);
    }

    [Fact]
    public async Task Period_Closed_RefusesSaving()
    {
        var closed = (await Filings.PeriodsAsync(Scopes.District)).Single(p => p.Year == 2025);
        var school = await SchoolAsync(FilingStatus.Draft);
        var error = await Should.ThrowAsync<DomainException>(() => Filings.SaveDraftAsync(Scopes.District, closed.Id, school, Guid.NewGuid(), new SchoolSurvey()));
        error.Code.ShouldBe(ErrorCodes.PeriodNotOpen);
    }

    [Fact]
    public async Task Completeness_CountsEverySchoolOfEachDistrict()
    {
        var period = await OpenPeriodAsync();
        var rows = await Filings.CompletenessAsync(Scopes.Commission, period, await _db.UnitIdAsync("500000"));
        rows.Count.ShouldBe(38);
        rows.ShouldAllBe(r => r.NotStarted >= 0 && r.Draft + r.Submitted + r.Returned + r.Approved + r.NotStarted == r.Schools);
        rows.Sum(r => r.Approved).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task ReviewList_PagesAndFilters_InTheDatabase()
    {
        var period = await OpenPeriodAsync();
        var yuzhong = await _db.UnitIdAsync("500103");
        var all = await Filings.ListAsync(Scopes.District, period, yuzhong, new FilingQuery(PageSize: 100));
        var submitted = await Filings.ListAsync(Scopes.District, period, yuzhong, new FilingQuery(Status: FilingStatus.Submitted, PageSize: 100));
        var notDone = await Filings.ListAsync(Scopes.District, period, yuzhong, new FilingQuery(NotStartedOnly: true, PageSize: 100));

        all.Items.ShouldAllBe(r => r.SchoolCode.StartsWith("500103"));
        submitted.Items.ShouldAllBe(r => r.Status == FilingStatus.Submitted);
        notDone.Items.ShouldAllBe(r => r.Status == null || r.Status == FilingStatus.Draft || r.Status == FilingStatus.Returned);
        var jiangbei = await _db.UnitIdAsync("500105");
        await Should.ThrowAsync<NotFoundException>(() => Filings.ListAsync(Scopes.District, period, jiangbei, new FilingQuery()));
    }

    private async Task<string> CodeAsync(int unitId)
    {
        await using var db = _db.Open();
        return await db.OrgUnits.Where(u => u.Id == unitId).Select(u => u.Code).SingleAsync();
    }

    private async Task<DateTime?> RecordedAtAsync(string unitCode)
    {
        await using var db = _db.Open();
        return await db.IndicatorValues.Where(v => v.OrgUnit.Code == unitCode && v.Year == 2026 && v.Source == Domain.Planning.ValueSource.Computed)
            .MaxAsync(v => (DateTime?)v.RecordedAtUtc);
    }
}
