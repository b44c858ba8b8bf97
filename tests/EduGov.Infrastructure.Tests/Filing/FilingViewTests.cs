using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Notifications;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Tests;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

/// <summary>What the filing pages are given to show: each row's next step, the people behind the history, the 合计, a first file with its draft.</summary>
public sealed class FilingViewTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private FilingService Filings => _db.Get<FilingService>();

    private async Task<int> OpenPeriodAsync() => (await Filings.CurrentPeriodAsync(Scopes.District))!.Id;

    /// <summary>A school of the district without a filing for the open period (each test that files takes one more).</summary>
    private async Task<int> NotStartedSchoolAsync(string districtCode = "500103")
    {
        await using var db = _db.Open();
        var period = await OpenPeriodAsync();
        return await db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith($"/500000/{districtCode}/") && s.Code != DemoUsers.PrincipalSchoolCode
                && !db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id))
            .OrderBy(s => s.Code).Select(s => s.Id).FirstAsync();
    }

    [Fact]
    public async Task List_ForTheDistrict_ReviewsSubmittedFilings_AndViewsApprovedOnes()
    {
        var period = await OpenPeriodAsync();
        var yuzhong = await _db.UnitIdAsync("500103");

        var rows = (await Filings.ListAsync(Scopes.District, period, yuzhong, new FilingQuery(PageSize: 500))).Items;

        rows.Where(r => r.Status == FilingStatus.Approved).ShouldNotBeEmpty();
        rows.Where(r => r.Status == FilingStatus.Approved).ShouldAllBe(r => r.Step == FilingStep.View);
        rows.Where(r => r.Status == FilingStatus.Submitted).ShouldNotBeEmpty();
        rows.Where(r => r.Status == FilingStatus.Submitted).ShouldAllBe(r => r.Step == FilingStep.Review);
        rows.Where(r => r.Status != FilingStatus.Submitted).ShouldAllBe(r => r.Step == FilingStep.View);
    }

    [Fact]
    public async Task List_ForThePrincipal_FillsTheOwnSchoolsFiling()
    {
        var period = await OpenPeriodAsync();
        var school = await _db.UnitIdAsync(DemoUsers.PrincipalSchoolCode);

        var row = (await Filings.ListAsync(Scopes.Principal, period, school, new FilingQuery())).Items.Single();

        row.Step.ShouldBe(row.Status is null or FilingStatus.Draft or FilingStatus.Returned ? FilingStep.Fill : FilingStep.View);
    }

    [Fact]
    public async Task Get_NamesThePeopleOfTheHistory_ByDisplayNameAndUnit_AndWhoApproved()
    {
        var period = await OpenPeriodAsync();
        var school = await NotStartedSchoolAsync();
        var view = await Filings.GetAsync(Scopes.District, period, school);
        var survey = view.Survey;
        var explanations = view.Basis.Check(survey, view.Profile).ToDictionary(f => f.Field, string? (f) => "核实无误");
        var version = await Filings.SubmitAsync(Scopes.District, period, school, null, survey, explanations);
        var submitted = await Filings.GetAsync(Scopes.District, period, school);
        await Filings.ApproveAsync(Scopes.District, submitted.FilingId!.Value, version);

        var approved = await Filings.GetAsync(Scopes.Commission, period, school);

        approved.People["district"].ShouldBe("渝中区教委");   // the name already says the unit
        approved.Approval!.By.ShouldBe("district");
        approved.Approval.AtUtc.ShouldBe(approved.History[^1].AtUtc);
    }

    [Fact]
    public async Task People_NameTheUnit_WhenTheNameDoesNotSayIt_AndKeepUnknownUserNames()
    {
        await using var db = _db.Open();
        var school = await db.OrgUnits.Where(u => u.Code == DemoUsers.PrincipalSchoolCode).Select(u => u.Name).SingleAsync();

        var people = await db.PeopleAsync(["principal", "inspector", "gone"]);

        people["principal"].ShouldBe($"校长（渝中区）（{school}）");
        people["inspector"].ShouldBe("市级督学（重庆市）");
        people["gone"].ShouldBe("gone");
    }

    [Fact]
    public async Task SaveDraftWithEvidence_NotYetSaved_SavesTheDraftAndTheFileTogether()
    {
        var period = await OpenPeriodAsync();
        var school = await NotStartedSchoolAsync("500105");
        var view = await Filings.GetAsync(Scopes.OtherDistrict, period, school);
        view.FilingId.ShouldBeNull();

        await Filings.SaveDraftWithEvidenceAsync(Scopes.OtherDistrict, period, school, null, view.Survey with { MakerSpaces = 3 }, null,
            "验收单.pdf", new MemoryStream(SampleFiles.Pdf), SampleFiles.Pdf.Length);

        var saved = await Filings.GetAsync(Scopes.OtherDistrict, period, school);
        (saved.Status, saved.Survey.MakerSpaces).ShouldBe((FilingStatus.Draft, 3));
        saved.Evidence.Select(e => e.FileName).ShouldBe(["验收单.pdf"]);
    }

    [Fact]
    public async Task SaveDraftWithEvidence_FileRefused_SavesNothing()
    {
        var period = await OpenPeriodAsync();
        var school = await NotStartedSchoolAsync();
        var view = await Filings.GetAsync(Scopes.District, period, school);

        var error = await Should.ThrowAsync<DomainException>(() => Filings.SaveDraftWithEvidenceAsync(Scopes.District, period, school, null, view.Survey, null,
            "照片.pdf", new MemoryStream(SampleFiles.Png), SampleFiles.Png.Length));

        error.Code.ShouldBe(ErrorCodes.FileContentMismatch);
        (await Filings.GetAsync(Scopes.District, period, school)).FilingId.ShouldBeNull();
    }

    [Fact]
    public void CompletenessTotal_IsTheShareOfTheSums_NotTheAverageOfShares()
    {
        Completeness[] rows = [new(1, "渝中区", Schools: 3, Draft: 0, Submitted: 1, Returned: 0, Approved: 0), new(2, "江北区", 1, 0, 0, 0, 1)];

        var total = Completeness.Total(rows, "合计");

        (total.Schools, total.Submitted, total.Approved, total.NotStarted).ShouldBe((4, 1, 1, 2));
        total.SubmittedShare.ShouldBe(50.0m);   // (1 + 1) ÷ 4, where the average of 33.3 and 100 would say 66.7
        Completeness.Total([]).SubmittedShare.ShouldBeNull();
    }
}
