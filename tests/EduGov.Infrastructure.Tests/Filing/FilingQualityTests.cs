using EduGov.Domain.Common;
using EduGov.Domain.Filing;
using EduGov.Domain.Organisation;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Filing;
using EduGov.Infrastructure.Seeding;
using EduGov.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Filing;

/// <summary>Data quality at the moment of filing, and review that returns precisely; each test works on schools of its own.</summary>
public sealed class FilingQualityTests(SeededDatabase fixture) : IClassFixture<SeededDatabase>
{
    private readonly TestDatabase _db = fixture.Db;
    private FilingService Filings => _db.Get<FilingService>();

    private async Task<int> OpenPeriodAsync() => (await Filings.CurrentPeriodAsync(Scopes.District))!.Id;

    private async Task<int> SchoolAsync(FilingStatus? status, int skip = 0)
    {
        await using var db = _db.Open();
        var period = await OpenPeriodAsync();
        var schools = db.OrgUnits.Where(s => s.Kind == OrgUnitKind.School && s.Path.StartsWith("/500000/500103/") && s.Code != DemoUsers.PrincipalSchoolCode
                                             && s.School!.Type != SchoolType.TeachingPoint);
        if (status is null)
            return await schools.Where(s => !db.Filings.Any(f => f.PeriodId == period && f.SchoolId == s.Id)).OrderBy(s => s.Code).Skip(skip).Select(s => s.Id).FirstAsync();
        var filings = await db.Filings.Where(f => f.PeriodId == period && f.Status == status && schools.Any(s => s.Id == f.SchoolId)).AsNoTracking().ToListAsync();
        return filings.Where(f => f.Flags.Count == 0).OrderBy(f => f.SchoolId).Skip(skip).First().SchoolId;   // the demo's outliers left alone
    }

    /// <summary>Ten times the terminals of last year: a slip of a digit.</summary>
    private static SchoolSurvey Slip(SchoolSurvey survey) => survey with { StudentTerminals = survey.StudentTerminals * 10 };

    [Fact]
    public async Task AnOutlier_IsFlaggedWhenSaved_AndTheFilingIsNotSubmitted_UntilItIsExplained()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(null);
        var view = await Filings.GetAsync(Scopes.District, period, school);
        view.Basis.Previous.ShouldNotBeNull();   // last year's approved figures

        await Filings.SaveDraftAsync(Scopes.District, period, school, null, Slip(view.Survey));
        var saved = await Filings.GetAsync(Scopes.District, period, school);
        var flag = saved.Flags.ShouldHaveSingleItem();
        flag.Field.ShouldBe(nameof(SchoolSurvey.StudentTerminals));
        flag.Explanation.ShouldBeNull();

        var error = await Should.ThrowAsync<DomainException>(() => Filings.SubmitAsync(Scopes.District, period, school, saved.Version, saved.Survey));
        error.Code.ShouldBe(ErrorCodes.FilingUnexplained);
        (await Filings.GetAsync(Scopes.District, period, school)).Status.ShouldBe(FilingStatus.Draft);

        await Filings.SubmitAsync(Scopes.District, period, school, saved.Version, saved.Survey,
            new Dictionary<string, string?> { [flag.Field] = "新建两个平板实验班" });
        var submitted = await Filings.GetAsync(Scopes.District, period, school);
        submitted.Status.ShouldBe(FilingStatus.Submitted);
        submitted.Flags.ShouldBe([flag with { Explanation = "新建两个平板实验班" }]);
        (await Filings.ListAsync(Scopes.District, period, await _db.UnitIdAsync("500103"), new FilingQuery(Status: FilingStatus.Submitted, PageSize: 200)))
            .Items.Single(r => r.SchoolId == school).Flags.ShouldBe(1);
    }

    [Fact]
    public async Task CorrectingTheFigure_ClearsItsFlag_AndKeepsNoStaleExplanation()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(null, skip: 1);
        var view = await Filings.GetAsync(Scopes.District, period, school);
        var version = await Filings.SaveDraftAsync(Scopes.District, period, school, null, Slip(view.Survey),
            new Dictionary<string, string?> { [nameof(SchoolSurvey.StudentTerminals)] = "核对中" });

        await Filings.SubmitAsync(Scopes.District, period, school, version, view.Survey);

        var submitted = await Filings.GetAsync(Scopes.District, period, school);
        (submitted.Status, submitted.Flags.Count).ShouldBe((FilingStatus.Submitted, 0));
    }

    [Fact]
    public async Task TheChecks_UseThePeriodsThresholds_AsTheCommissionSetsThem()
    {
        var periods = await Filings.PeriodsAsync(Scopes.Commission);
        var open = periods.First(p => p.IsOpen);
        var school = await SchoolAsync(FilingStatus.Approved, skip: 1);
        var view = await Filings.GetAsync(Scopes.District, open.Id, school);
        var quarter = view.Basis.Previous!.MultimediaClassrooms / 4;
        var quadrupled = view.Survey with { MultimediaClassrooms = quarter, InteractiveClassrooms = Math.Min(quarter!.Value, view.Survey.InteractiveClassrooms!.Value) };
        view.Basis.Check(quadrupled, view.Profile).ShouldContain(f => f.Field == nameof(SchoolSurvey.MultimediaClassrooms) && f.Kind == FlagKind.Jump);

        var details = new PeriodDetails(open.Name, open.Year, open.OpensOn, open.ClosesOn, open.Quality with { JumpFactor = 50 });
        await Filings.SavePeriodAsync(Scopes.Commission, open.Id, open.CityId, details);
        try
        {
            var relaxed = await Filings.GetAsync(Scopes.District, open.Id, school);
            relaxed.Basis.Thresholds.JumpFactor.ShouldBe(50);
            relaxed.Basis.Check(quadrupled, relaxed.Profile).ShouldNotContain(f => f.Kind == FlagKind.Jump);
            var refused = await Should.ThrowAsync<DomainException>(() => Filings.SavePeriodAsync(Scopes.Commission, open.Id, open.CityId,
                details with { Quality = open.Quality with { PeerScore = 0.5m } }));
            refused.Code.ShouldBe(ErrorCodes.ThresholdOutOfRange);
            (await Filings.PeriodsAsync(Scopes.Commission)).Single(p => p.Id == open.Id).Quality.JumpFactor.ShouldBe(50);
        }
        finally
        {
            await Filings.SavePeriodAsync(Scopes.Commission, open.Id, open.CityId, details with { Quality = open.Quality });
        }
    }

    [Fact]
    public async Task PeerStatistics_ComeFromApprovedFilingsOfTheSameTypeAndSetting()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Approved);
        var view = await Filings.GetAsync(Scopes.District, period, school);

        await using var db = _db.Open();
        var recent = await db.ReportingPeriods.Where(p => p.Year >= 2025 && p.CityId == db.OrgUnits.Single(u => u.Code == "500000").Id).Select(p => p.Id).ToListAsync();
        var peers = await db.Filings.Where(f => recent.Contains(f.PeriodId) && f.Status == FilingStatus.Approved)
            .Join(db.OrgUnits, f => f.SchoolId, s => s.Id, (f, s) => s)
            .Where(s => s.School!.Type == view.Profile.Type && s.School.IsRural == view.Profile.IsRural)
            .Select(s => s.Id).Distinct().CountAsync();
        view.Basis.Peers[nameof(SchoolSurvey.ProgrammingHours)].Count.ShouldBe(peers);
        view.Basis.Peers[nameof(SchoolSurvey.ProgrammingHours)].Count.ShouldBeGreaterThanOrEqualTo(view.Basis.Thresholds.MinimumPeers);
    }

    [Fact]
    public async Task AReturnNamingAFigure_ReachesTheSchool_AndTheNextReviewSeesWhatChangedSince()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Submitted);
        var submitted = await Filings.GetAsync(Scopes.District, period, school);
        var field = nameof(SchoolSurvey.MakerSpaces);

        await Filings.ReturnAsync(Scopes.District, submitted.FilingId!.Value, submitted.Version!.Value, null, [new(field, "请按实际建成的创客空间填报")]);

        var returned = await Filings.GetAsync(Scopes.District, period, school);
        returned.Status.ShouldBe(FilingStatus.Returned);
        returned.ReturnedFields.ShouldBe([new ReturnedField(field, "请按实际建成的创客空间填报")]);
        returned.PreviousSubmission.ShouldBe(submitted.Survey);
        returned.History[^1].Changes.ShouldBe($"{field}: 请按实际建成的创客空间填报");

        var corrected = submitted.Survey with { MakerSpaces = submitted.Survey.MakerSpaces + 1 };
        await Filings.SubmitAsync(Scopes.District, period, school, returned.Version, corrected);
        var again = await Filings.GetAsync(Scopes.District, period, school);
        (again.Status, again.CanReview).ShouldBe((FilingStatus.Submitted, true));
        again.PreviousSubmission!.MakerSpaces.ShouldBe(submitted.Survey.MakerSpaces);
        again.Survey.MakerSpaces.ShouldBe(corrected.MakerSpaces);
        again.ReturnedFields.ShouldHaveSingleItem().Field.ShouldBe(field);
    }

    [Fact]
    public async Task AReturn_WithNeitherAFigureNorAComment_IsRefused_AndChangesNothing()
    {
        var period = await OpenPeriodAsync();
        var school = await SchoolAsync(FilingStatus.Submitted, skip: 1);
        var submitted = await Filings.GetAsync(Scopes.District, period, school);

        var error = await Should.ThrowAsync<DomainException>(() => Filings.ReturnAsync(Scopes.District, submitted.FilingId!.Value, submitted.Version!.Value, " ", []));

        error.Code.ShouldBe(ErrorCodes.ReturnNeedsReason);
        (await Filings.GetAsync(Scopes.District, period, school)).Version.ShouldBe(submitted.Version);
    }

    [Fact]
    public async Task TheDemo_HasAnExplainedOutlierInReview_InEachDistrict()
    {
        var period = await OpenPeriodAsync();
        var rows = await Filings.ListAsync(Scopes.District, period, await _db.UnitIdAsync("500103"), new FilingQuery(Status: FilingStatus.Submitted, PageSize: 200));
        var flagged = rows.Items.Where(r => r.Flags > 0).ShouldHaveSingleItem();
        var view = await Filings.GetAsync(Scopes.District, period, flagged.SchoolId);
        view.Flags.ShouldAllBe(f => f.Field == nameof(SchoolSurvey.StudentTerminals) && f.Kind == FlagKind.Jump && f.Explanation != null);
    }

    [Fact]
    public async Task TheChecks_RarelyFlagTheDemosPlausibleFilings()
    {
        // The demo's figures are drawn to be plausible; a rule that flags many of them would teach principals to ignore flags.
        var period = await OpenPeriodAsync();
        await using var db = _db.Open();
        var filings = (await db.Filings.Where(f => f.PeriodId == period).Join(db.OrgUnits, f => f.SchoolId, s => s.Id, (f, s) => new { f.Survey, f.Flags, School = s })
            .AsNoTracking().ToListAsync()).Where(f => f.Flags.Count == 0).ToList();
        var p = await db.ReportingPeriods.SingleAsync(x => x.Id == period);
        var basis = await CheckBases.LoadAsync(db, p, filings.Select(f => f.School).ToList(), default);
        var flags = filings.Select(f => basis(f.School).Check(f.Survey, f.School.School!)).Where(f => f.Count > 0).ToList();
        var kinds = string.Join(", ", flags.SelectMany(f => f).GroupBy(f => $"{f.Field}/{f.Kind}").Select(g => $"{g.Key} {g.Count()}"));
        (100.0 * flags.Count / filings.Count).ShouldBeLessThan(5, $"{flags.Count} of {filings.Count} flagged: {kinds}");
    }

    [Fact]
    public async Task TheScorecard_CountsEachDistrictsFilings_AsTheProgressTabDoes()
    {
        var period = await OpenPeriodAsync();
        var cards = await Filings.ScorecardsAsync(Scopes.Commission, period);
        var progress = await Filings.CompletenessAsync(Scopes.Commission, period, await _db.UnitIdAsync("500000"));

        cards.Count.ShouldBe(38);
        foreach (var (card, row) in cards.Zip(progress))
        {
            (card.UnitId, card.Card.Counts.Schools, card.Card.Counts.Complete).ShouldBe((row.UnitId, row.Schools, row.Submitted + row.Approved));
            card.Card.Completeness.ShouldBe(row.SubmittedShare);
            card.Card.Counts.Filed.ShouldBeGreaterThanOrEqualTo(row.Submitted + row.Approved + row.Returned);
            card.Card.Counts.Checked.ShouldBe(card.Card.Counts.Filed * FilingChecks.Figures.Count);
        }
        var yuzhong = cards.Single(c => c.UnitName == "渝中区").Card;
        yuzhong.Counts.Flagged.ShouldBeGreaterThanOrEqualTo(1);   // the demo's explained outlier
        yuzhong.Counts.Returns.ShouldBeGreaterThanOrEqualTo(progress.Single(r => r.UnitName == "渝中区").Returned);
    }

    [Fact]
    public async Task LastYearsScorecard_TellsTheDistrictsApart()
    {
        var closed = (await Filings.PeriodsAsync(Scopes.Commission)).Single(p => p.Year == 2025 && p.CityName == "重庆市");
        var cards = await Filings.ScorecardsAsync(Scopes.Commission, closed.Id);

        cards.ShouldAllBe(c => c.Card.Completeness == 100m && c.Card.Counts.Decisions == c.Card.Counts.Filed + c.Card.Counts.Returns);
        cards.Select(c => c.Card.DaysRag).Distinct().Count().ShouldBe(3);   // each district reviews at its own pace
        cards.Select(c => c.Card.Overall).ShouldContain(Rag.Red);
        cards.Where(c => c.Card.Timeliness < 100m).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task TheScorecard_IsScoped()
    {
        var period = await OpenPeriodAsync();
        (await Filings.ScorecardsAsync(Scopes.District, period)).ShouldHaveSingleItem().UnitName.ShouldBe("渝中区");
        await Should.ThrowAsync<NotFoundException>(() => Filings.ScorecardsAsync(Scopes.Principal, period));
        await Should.ThrowAsync<NotFoundException>(() => Filings.ScorecardsAsync(Scopes.ChangshaCommission, period));
    }
}
