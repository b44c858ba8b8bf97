using EduGov.Domain.Common;
using EduGov.Domain.Training;
using EduGov.Infrastructure.Common;
using EduGov.Infrastructure.Tests.Support;
using EduGov.Infrastructure.Training;
using Microsoft.EntityFrameworkCore;

namespace EduGov.Infrastructure.Tests.Training;

public sealed class CatalogAndRuleTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private CourseService Courses => _db.Get<CourseService>();
    private RuleService Rules => _db.Get<RuleService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly CourseDetails NewCourse = new("AI-901", "人工智能+教师：课堂应用", "国家智慧教育平台", CourseCategory.AiTeacher, CourseMode.Online, 12, 6);

    private async Task<int> IndicatorAsync(string code)
    {
        await using var db = _db.Open();
        return await db.Indicators.Where(i => i.Code == code).Select(i => i.Id).SingleAsync();
    }

    [Fact]
    public async Task Course_TheCommissionKeepsTheCatalog_OthersMayOnlyRead()
    {
        var id = await Courses.SaveAsync(Scopes.Commission, null, NewCourse);

        (await Courses.ListAsync("AI-9", null, 0, 20)).Items.Single().Id.ShouldBe(id);
        (await Courses.ListAsync(null, CourseCategory.AiTeacher, 0, 20)).Items.ShouldContain(c => c.Id == id);
        (await Should.ThrowAsync<DomainException>(() => Courses.SaveAsync(Scopes.Commission, null, NewCourse with { Title = "重复" }))).Code.ShouldBe(ErrorCodes.DuplicateCode);
        await Should.ThrowAsync<ForbiddenException>(() => Courses.SaveAsync(Scopes.District, id, NewCourse with { Hours = 20 }));
        (await Should.ThrowAsync<DomainException>(() => Courses.SaveAsync(Scopes.Commission, id, NewCourse with { PracticeHours = 13 }))).Code.ShouldBe(ErrorCodes.PracticeAboveHours);
    }

    [Fact]
    public async Task Course_WithRecords_CannotBeDeleted_OneWithoutCan()
    {
        var used = (await Courses.ListAsync("NT2-101", null, 0, 1)).Items.Single();
        var unused = await Courses.SaveAsync(Scopes.Commission, null, NewCourse);

        (await Should.ThrowAsync<DomainException>(() => Courses.DeleteAsync(Scopes.Commission, used.Id))).Code.ShouldBe(ErrorCodes.CourseInUse);
        await Courses.DeleteAsync(Scopes.Commission, unused);

        (await Courses.ListAsync("AI-901", null, 0, 20)).Total.ShouldBe(0);
        (await Courses.ListAsync("NT2-101", null, 0, 1)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task Rule_AddedByTheCommission_IsCountedAtOnce_WithoutADeveloper()
    {
        var indicator = await IndicatorAsync("CQ5-21");
        await Rules.DeleteAsync(Scopes.Commission, indicator);
        (await Rules.CandidatesAsync(Scopes.Commission)).ShouldContain(c => c.Id == indicator);

        // A stricter rule than the seed's: 30 hours of which 20 practice, in 2020 only.
        await Rules.SaveAsync(Scopes.Commission, indicator,
            new RuleInput(30, 20, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), [Post.Teacher, Post.ItSpecialist], [CourseCategory.Ability20]), isNew: true);

        var rule = (await Rules.ListAsync(Scopes.Principal)).Single(r => r.IndicatorId == indicator);
        (rule.Rule.MinHours, rule.CanEdit).ShouldBe((30m, false));
        await using var db = _db.Open();
        var standings = await ComplianceService.StandingsAsync(db, rule.Rule, "/500000/", "/500000/500103/", default);
        var stored = await db.IndicatorValues.Where(v => v.IndicatorId == indicator && v.Year == 2020 && v.OrgUnit.Code == "500103").Select(v => v.Value).SingleAsync();
        stored.ShouldBe(Math.Round(100m * standings.Count(s => s.Compliance.Met) / standings.Count, 1));
    }

    [Fact]
    public async Task Rule_IsRefused_OnAnIndicatorThatIsNotATrainingOne_OrByWhoDoesNotKeepThePlan()
    {
        var input = new RuleInput(10, 0, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), [Post.Teacher], []);
        var designations = await IndicatorAsync("CQ5-23");
        var literacy = await IndicatorAsync("CQ5-21");

        (await Should.ThrowAsync<DomainException>(() => Rules.SaveAsync(Scopes.Commission, designations, input, isNew: true))).Code.ShouldBe(ErrorCodes.NotATrainingIndicator);
        (await Should.ThrowAsync<DomainException>(() => Rules.SaveAsync(Scopes.Commission, literacy, input, isNew: true))).Code.ShouldBe(ErrorCodes.RuleExists);
        await Should.ThrowAsync<ForbiddenException>(() => Rules.SaveAsync(Scopes.District, literacy, input, isNew: false));
        await Should.ThrowAsync<NotFoundException>(() => Rules.SaveAsync(Scopes.ChangshaCommission, literacy, input, isNew: false));
        (await Should.ThrowAsync<DomainException>(() => Rules.SaveAsync(Scopes.Commission, literacy, input with { MinPracticeHours = 11 }, isNew: false))).Code.ShouldBe(ErrorCodes.PracticeAboveHours);
    }
}
